// A place cannot be slipped past the editor with characters that render as nothing: a story
// with a soft hyphen inside its city and a zero-width space inside its street, run through the
// CLI as a process (show, anonymise --auto, approve, export), is flagged and marked by show and
// exported without the city, the street or the hidden characters.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fillVault, makeEditor, makeSubmission, runCli, tempDir, type TestEditor } from './helpers.ts';

const STORY = 'Я выросла в Ново\u00adсибирске, на улице Ле\u200bнина. Там меня знали все 🏳️‍🌈';

let temp: ReturnType<typeof tempDir>;
let editor: TestEditor;
let id: string;
const offline = (args: string[]) => runCli(args, { env: editor.env, offline: true });

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir();
  editor = await makeEditor(temp.dir, 'vera');
  [id] = (await fillVault(editor, [makeSubmission([editor.identity], { story: STORY, title: 'Дом' })])) as [string];
});
afterAll(() => temp.cleanup());

describe('invisible characters inside place names', () => {
  it('show flags the story and marks each hidden character', async () => {
    const shown = await offline(['show', id]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^Warning: +2 invisible characters \(shown as \[U\+…\]\); export removes them$/m);
    expect(shown.stdout).toContain('Ново[U+00AD]сибирске, на улице Ле[U+200B]нина');
    expect(shown.stdout).not.toMatch(/[\u00ad\u200b]/);
  });

  it('anonymise --auto, approve and export publish neither the city, the street nor the hidden characters', async () => {
    const anonymised = await offline(['anonymise', id, '--auto']);
    expect(anonymised.code, anonymised.stderr).toBe(0);
    expect(anonymised.stdout).toMatch(/^Warning: the story held 2 invisible characters/m);
    const approved = await offline(['approve', id]);
    expect(approved.code, approved.stderr).toBe(0);
    const out = path.join(temp.dir, 'site');
    const exported = await offline(['export', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const files = readdirSync(out);
    expect(files.filter((f) => f.endsWith('.md'))).toHaveLength(1);
    const all = files.map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n');
    expect(all).toContain('Я выросла в');
    for (const piece of ['Ново', 'сибирск', 'Ле\u200bнина', 'Ленина', 'нина', '\u00ad', '\u200b']) expect(all).not.toContain(piece);
    // the rainbow flag's joiner is part of the picture, not a hidden character
    expect(all).toContain('🏳️‍🌈');
  });
});
