// `review`: one unlock, then the stories that wait for a decision one after another — new ones
// first, then those anonymised but not yet approved, oldest first within each — each on a clean
// screen with the keys shown. The key lives only in this process and is wiped when the session
// ends, however it ends (session.ts); no agent keeps it afterwards. `c` claims the story for the
// team (a team record, sent by `sync`); `r` replies to its author (reply.ts), with --server.

import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { write, type CommandContext, type Io } from '../io.ts';
import { createLineReader, type LineReader } from '../line-reader.ts';
import { loadReviewedStory, refuseWithdrawn, type ReviewedStory } from '../reviewed-story.ts';
import { openReviewState } from '../review-state.ts';
import { withEditor, type Editor } from '../session.ts';
import { shortId } from '../short-id.ts';
import { safeLine, safeText } from '../terminal.ts';
import { replyRecipients } from '../conversation.ts';
import { EditorClient } from '../server-client.ts';
import { writeTeamRecord } from '../team-log.ts';
import { cleanReply, sendReply } from './reply.ts';
import { anonymiseStory } from './anonymise.ts';
import { approveStory } from './approve.ts';
import { addNote } from './note.ts';
import { rejectStory } from './reject.ts';
import { asText } from './show.ts';

const KEYS = 'a = anonymise · p = approve · x = reject · n = note · c = claim · r = reply · o = original/anonymised · Enter = next · q = quit';
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

/** `r`: a reply typed line by line up to a line holding only ".", shown, and sent once confirmed.
 * Returns what to tell the editor. */
async function replyFromSession(editor: Editor, reader: LineReader, story: ReviewedStory, server: string | undefined): Promise<string> {
  if (!server) return 'Replies go through the server: start review with --server URL (or set SOTTO_SERVER).';
  if (story.row.withdrawn) return 'This story was withdrawn by its author: it takes no replies.';
  const lines: string[] = [];
  for (let line = await reader.ask('Reply (a line holding only "." ends it):\n'); line !== null && line !== '.'; line = await reader.ask('')) lines.push(line);
  const text = cleanReply(lines.join('\n'));
  const answer = await reader.ask(`\nTo the author of story ${shortId(story.row.id)}, readable by every editor too:\n${safeText(text).replace(/^/gm, '  ')}\nSend it? [y/N] `);
  if (!/^y(es)?$/i.test(answer?.trim() ?? '')) return 'Reply not sent.';
  const client = new EditorClient(server, editor.identity.ed25519.secretKey, editor.keyIdHex);
  const editors = await replyRecipients(client, editor.vault, editor.keyIdHex, async () => {});
  await sendReply(editor, client, story, text, editors);
  return 'Reply sent. The author reads it with their receipt code.';
}

/** One story until the editor moves on: returns when they decide, skip or quit. */
async function reviewOne(editor: Editor, io: Io, reader: LineReader, id: string, position: string, tally: Tally, server: string | undefined): Promise<Outcome> {
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
        case 'c':
          refuseWithdrawn(story, 'claim');
          writeTeamRecord(editor, id, { kind: 'claim' });
          message = 'Claimed: `sotto-review sync` tells the team.';
          break;
        case 'r':
          message = await replyFromSession(editor, reader, story, server);
          break;
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
        if ((await reviewOne(editor, ctx.io, reader, id, position, tally, ctx.settings.server)) === 'quit') break;
      }
    } finally {
      reader.close();
    }
    return `Session over: ${plural(seen, 'story')} seen of ${ids.length}; ${tally.anonymised} anonymised, ${tally.approved} approved, ${tally.rejected} rejected, ${plural(tally.notes, 'note')} added.`;
  });
  await write(ctx.io.stdout, `${summary}\n`);
}
