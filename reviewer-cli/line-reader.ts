// Reads answers line by line from stdin, a terminal or a pipe alike, so the interactive
// `anonymise` can also be driven by a script or a test.

import { createInterface } from 'node:readline';
import type { Io } from './io.ts';
import { write } from './io.ts';

export interface LineReader {
  /** The next line, or null when input has ended. */
  ask(prompt: string): Promise<string | null>;
  close(): void;
}

export function createLineReader(io: Io): LineReader {
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  const rl = createInterface({ input: io.stdin, terminal: false, crlfDelay: Infinity });
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const next of waiting.splice(0)) next(null);
  });
  return {
    async ask(prompt) {
      await write(io.stdout, prompt);
      if (lines.length > 0) return lines.shift()!;
      if (ended) return null;
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl.close(),
  };
}
