// The process's streams and environment, passed to commands instead of read from globals, so
// runCli has one seam for tests and no command reaches for `process` on its own.

import type { Readable, Writable } from 'node:stream';
import type { Env, OptionValue, Settings } from './args.ts';

export interface Io {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean; columns?: number };
  env: Env;
}

export interface CommandContext {
  io: Io;
  args: string[];
  options: Record<string, OptionValue>;
  settings: Settings;
}

export type CommandRunner = (ctx: CommandContext) => Promise<void>;

export function processIo(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Writes and waits until the stream has taken the data (keeps output ordered before exit). */
export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
