// A one-line progress bar on stderr, only when stderr is a terminal: piped or logged output
// stays clean.

import type { Io } from './io.ts';

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const WIDTH = 24;
const EVERY_MS = 100;

export function createProgress(io: Io, label: string): Progress {
  const stream = io.stderr;
  if (!stream.isTTY) return { update() {}, finish() {} };
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < EVERY_MS && done < total) return;
      last = now;
      const filled = total > 0 ? Math.round((WIDTH * Math.min(done, total)) / total) : 0;
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
