// `review`: one unlock, then the stories that wait for a decision one after another — new ones
// first, then those anonymised but not yet approved, oldest first within each — each on a clean
// screen with the keys shown. The key lives only in this process and is wiped when the session
// ends, however it ends (session.ts); no agent keeps it afterwards.

import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { write, type CommandContext, type Io } from '../io.ts';
import { createLineReader, type LineReader } from '../line-reader.ts';
import { loadReviewedStory } from '../reviewed-story.ts';
import { openReviewState } from '../review-state.ts';
import { withEditor, type Editor } from '../session.ts';
import { shortId } from '../short-id.ts';
import { safeLine } from '../terminal.ts';
import { anonymiseStory } from './anonymise.ts';
import { approveStory } from './approve.ts';
import { addNote } from './note.ts';
import { rejectStory } from './reject.ts';
import { asText } from './show.ts';

const KEYS = 'a = anonymise · p = approve · x = reject · n = note · o = original/anonymised · Enter = next · q = quit';
const CLEAR = '\x1b[2J\x1b[3J\x1b[H';

/** Ids of the stories waiting for a decision, in the order they are shown. Only review states
 * are opened here (the stories themselves one at a time, when shown). */
function queue(editor: Editor): string[] {
  const fresh: string[] = [];
  const anonymised: string[] = [];
  for (const row of editor.vault.rows()) {
    if (row.withdrawn || row.dismissed || row.conflict) continue;
    const status = openReviewState(editor.sodium, editor.vault.stateKey, { id: row.id, envelopeHash: row.envelopeHash, version: row.version }, row.state).status;
    if (status === 'new') fresh.push(row.id);
    else if (status === 'anonymised') anonymised.push(row.id);
  }
  return [...fresh, ...anonymised];
}

interface Tally {
  anonymised: number;
  approved: number;
  rejected: number;
  notes: number;
}

type Outcome = 'next' | 'quit';

/** One story until the editor moves on: returns when they decide, skip or quit. */
async function reviewOne(editor: Editor, io: Io, reader: LineReader, id: string, position: string, tally: Tally): Promise<Outcome> {
  let message = '';
  let original = false;
  for (;;) {
    const story = loadReviewedStory(editor, id);
    const anonymised = story.state.anonymised !== undefined && !original;
    if ((io.stdout as { isTTY?: boolean }).isTTY) await write(io.stdout, CLEAR);
    await write(io.stdout, `${position}\n\n${asText(story, anonymised)}\n${message ? `${message}\n\n` : ''}${KEYS}\n`);
    const line = await reader.ask('> ');
    if (line === null) return 'quit';
    message = '';
    try {
      switch (line.trim().toLowerCase()) {
        case '':
          return 'next';
        case 'q':
          return 'quit';
        case 'o':
          original = !original;
          break;
        case 'a':
          message = (await anonymiseStory(editor, story, io, reader)).join('\n');
          original = false;
          tally.anonymised++;
          break;
        case 'p':
          approveStory(editor, story);
          tally.approved++;
          return 'next';
        case 'x':
          rejectStory(editor, story);
          tally.rejected++;
          return 'next';
        case 'n':
          addNote(editor, story, await reader.ask('Note (Enter saves it; never exported): '));
          message = 'Note added.';
          tally.notes++;
          break;
        default:
          message = `"${safeLine(line.trim())}" is not a key here.`;
      }
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      message = error.message;
    }
  }
}

export async function runReview(ctx: CommandContext): Promise<void> {
  const summary = await withEditor(ctx, { createVault: false }, async (editor) => {
    const ids = queue(editor);
    const tally: Tally = { anonymised: 0, approved: 0, rejected: 0, notes: 0 };
    if (ids.length === 0) return 'Nothing waits for a decision: every story is approved, rejected or withdrawn.';
    const reader = createLineReader(ctx.io);
    let seen = 0;
    try {
      for (const [i, id] of ids.entries()) {
        seen = i + 1;
        const position = `Story ${i + 1} of ${ids.length} · ${shortId(id)}`;
        if ((await reviewOne(editor, ctx.io, reader, id, position, tally)) === 'quit') break;
      }
    } finally {
      reader.close();
    }
    return `Session over: ${plural(seen, 'story')} seen of ${ids.length}; ${tally.anonymised} anonymised, ${tally.approved} approved, ${tally.rejected} rejected, ${plural(tally.notes, 'note')} added.`;
  });
  await write(ctx.io.stdout, `${summary}\n`);
}
