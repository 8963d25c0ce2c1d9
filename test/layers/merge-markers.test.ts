// A merge that left its conflict markers behind once shipped a README with both sides of a
// table in it. Every file git tracks is read here; a line that is only a marker fails the test.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** `<<<<<<< ours`, `=======`, `>>>>>>> theirs` at the start of a line, as git writes them. */
const MARKER = /^(<{7} |={7}$|>{7} )/m;

/** The tracked text files (git's own test for binary: no NUL in the first 8,000 bytes). */
function trackedTextFiles(): string[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  return files.filter((file) => {
    const bytes = readFileSync(path.join(root, file));
    return !bytes.subarray(0, 8000).includes(0);
  });
}

/** Files (relative paths) with a conflict marker line. */
export function filesWithMergeMarkers(files: readonly string[], read: (file: string) => string): string[] {
  return files.filter((file) => MARKER.test(read(file)));
}

describe('merge markers', () => {
  it('no tracked file holds a conflict marker', () => {
    const files = trackedTextFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(filesWithMergeMarkers(files, (file) => readFileSync(path.join(root, file), 'utf8'))).toEqual([]);
  });

  it('finds each of the three markers, and not a Markdown rule or a longer run', () => {
    const texts: Record<string, string> = {
      'ours.md': 'a\n<<<<<<< HEAD\nb\n',
      'middle.ts': 'a\n=======\nb\n',
      'theirs.md': 'a\n>>>>>>> main\n',
      'heading.md': 'Title\n========\n',
      'quote.md': '> > > a\n',
    };
    expect(filesWithMergeMarkers(Object.keys(texts), (file) => texts[file]!)).toEqual(['ours.md', 'middle.ts', 'theirs.md']);
  });
});
