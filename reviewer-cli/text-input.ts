// Text an editor types or pipes in (notes, replies): never taken from the command line, where it
// would stay in the shell history and show in `ps` while the command runs.

import { createInterface } from 'node:readline';
import { CliError } from './errors.ts';
import type { Io } from './io.ts';

/** One line typed at a prompt (on stderr, so stdout stays clean), or null when input ended. */
export function promptLine(io: Io, prompt: string): Promise<string | null> {
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

/** Lines typed at a prompt up to a line holding only ".", or the end of input. */
export function promptLines(io: Io, prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, terminal: false, crlfDelay: Infinity });
    const lines: string[] = [];
    rl.on('line', (line) => {
      if (line === '.') rl.close();
      else lines.push(line);
    });
    rl.once('close', () => {
      io.stdin.pause();
      resolve(lines.join('\n'));
    });
    io.stderr.write(prompt);
  });
}

/** All of standard input (a pipe), refused beyond `maxBytes` with `what` named. */
export async function readAll(io: Io, maxBytes: number, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes) throw new CliError(`the ${what} is longer than ${Math.floor(maxBytes / 1024)} KiB; nothing was ${what === 'note' ? 'saved' : 'sent'}`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
