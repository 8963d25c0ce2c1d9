// `note ID [TEXT]`: a private note, sealed with the rest of the review state; never exported.
// Notes may quote the story, so the recommended form reads the note from standard input (a prompt
// on a terminal, all of it from a pipe): a TEXT argument stays in the shell history and shows in
// `ps` for as long as the command runs. TEXT is still accepted for scripts written before.

import { createInterface } from 'node:readline';
import { CliError } from '../errors.ts';
import { write, type CommandContext, type Io } from '../io.ts';
import { loadReviewedStory, saveReviewState, today } from '../reviewed-story.ts';
import { withEditor } from '../session.ts';

const MAX_NOTE_BYTES = 64 * 1024;

/** One line typed at a prompt (on stderr, so stdout stays clean), or null when input ended. */
function promptLine(io: Io, prompt: string): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, terminal: false, crlfDelay: Infinity });
    let answer: string | null = null;
    rl.once('line', (line) => {
      answer = line;
      rl.close();
    });
    rl.once('close', () => {
      io.stdin.pause();
      resolve(answer);
    });
    io.stderr.write(prompt);
  });
}

async function readAll(io: Io): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    size += bytes.length;
    if (size > MAX_NOTE_BYTES) throw new CliError(`the note is longer than ${MAX_NOTE_BYTES / 1024} KiB; nothing was saved`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The note from standard input: prompted for on a terminal, read to the end from a pipe. */
async function readNote(io: Io, id: string): Promise<string> {
  const raw = io.stdin.isTTY ? await promptLine(io, `Note for story ${id} (Enter saves it): `) : await readAll(io);
  const text = (raw ?? '').replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  if (text.trim() === '') throw new CliError('the note is empty; nothing was saved');
  return text;
}

export async function runNote(ctx: CommandContext): Promise<void> {
  const given = ctx.args[1];
  const id = await withEditor(ctx, { createVault: false }, async (editor) => {
    const loaded = loadReviewedStory(editor, ctx.args[0]!);
    const { state } = loaded;
    const text = given === undefined || given === '-' ? await readNote(ctx.io, state.id) : given;
    saveReviewState(editor, loaded, { ...state, notes: [...state.notes, { day: today(), text }] });
    return state.id;
  });
  await write(ctx.io.stdout, `Note added to story ${id}.\n`);
}
