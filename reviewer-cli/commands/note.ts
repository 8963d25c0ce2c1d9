// `note ID [TEXT]`: a private note, sealed with the rest of the review state; never exported nor
// shared. With --team, a note for the other editors instead: a team record (team-log.ts).
// Notes may quote the story, so the recommended form reads the note from standard input (a prompt
// on a terminal, all of it from a pipe): a TEXT argument stays in the shell history and shows in
// `ps` for as long as the command runs. TEXT is still accepted for scripts written before.

import { CliError } from '../errors.ts';
import { write, type CommandContext, type Io } from '../io.ts';
import { loadReviewedStory, saveReviewState, today, type ReviewedStory } from '../reviewed-story.ts';
import { withEditor, type Editor } from '../session.ts';
import { promptLine, readAll } from '../text-input.ts';
import { shortId } from '../short-id.ts';
import { writeTeamRecord } from '../team-log.ts';

const MAX_NOTE_BYTES = 64 * 1024;

/** The note as saved: line ends made plain, trailing space dropped; an empty one is refused. */
function cleanNote(raw: string | null): string {
  const text = (raw ?? '').replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  if (text.trim() === '') throw new CliError('the note is empty; nothing was saved');
  return text;
}

/** The note from standard input: prompted for on a terminal, read to the end from a pipe. */
async function readNote(io: Io, id: string): Promise<string> {
  return cleanNote(io.stdin.isTTY ? await promptLine(io, `Note for story ${id} (Enter saves it): `) : await readAll(io, MAX_NOTE_BYTES, 'note'));
}

/** Adds a note typed as one line (the `review` session); throws CliError when it is empty. */
export function addNote(editor: Editor, loaded: ReviewedStory, typed: string | null): void {
  const { state } = loaded;
  saveReviewState(editor, loaded, { ...state, notes: [...state.notes, { day: today(), text: cleanNote(typed) }] });
}

export async function runNote(ctx: CommandContext): Promise<void> {
  const given = ctx.args[1];
  const id = await withEditor(ctx, { createVault: false }, async (editor) => {
    const loaded = loadReviewedStory(editor, ctx.args[0]!);
    const { state } = loaded;
    const text = given === undefined || given === '-' ? await readNote(ctx.io, shortId(state.id)) : given;
    if (ctx.options.team) writeTeamRecord(editor, loaded.row.id, { kind: 'note', note: cleanNote(text) });
    else saveReviewState(editor, loaded, { ...state, notes: [...state.notes, { day: today(), text }] });
    return shortId(state.id);
  });
  await write(ctx.io.stdout, ctx.options.team ? `Team note added to story ${id}; \`sotto-review sync\` sends it.\n` : `Note added to story ${id}.\n`);
}
