// The offline half of the reviewer CLI, run as a process with every network call made to throw:
// list, show, anonymise, approve, reject, note and export all work without
// a network, and keep their promises about what reaches the disk.
import yaml from 'js-yaml';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Id, shortId } from '../../reviewer-cli/short-id.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { ensureBuilt, fillVault, makeEditor, makeSubmission, runCli, tempDir, withTestVault, type Submission, type TestEditor } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let anna: TestEditor;
let ids: string[];
let subs: Submission[];
const offline = (editor: TestEditor, args: string[], input?: string) => runCli(args, { env: editor.env, offline: true, input });

const KAZAN = 'Я жила в Казани три года, потом переехала в Москву. Работала в кафе «Бублик» на улице Баумана.\n\nВ Казани меня знали все.';

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir();
  anna = await makeEditor(temp.dir, 'anna');
  subs = [
    makeSubmission([anna.identity], { story: KAZAN, title: 'Мой год в Казани', region: 'volga', contact: 'anna@example.org' }),
    makeSubmission([anna.identity], { story: 'I grew up in Manchester. <script>alert(1)</script> {{ site.secret }}\n---\ntitle: pwned', title: '"><img src=x onerror=alert(1)>', language: 'en' }),
    makeSubmission([anna.identity], { story: 'Je vivais à Lyon, près de la place Bellecour.', language: 'fr' }),
  ];
  ids = await fillVault(anna, subs);
});
afterAll(() => temp.cleanup());

function parseMarkdown(file: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`${file} has no front matter`);
  return { data: yaml.load(match[1]!) as Record<string, unknown>, body: match[2]! };
}

describe('reading the vault offline', () => {
  it('list --json and show --json give back exactly what was sent', async () => {
    const list = await offline(anna, ['list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual(subs.map((s, i) => ({
      id: ids[i], shortId: shortId(ids[i]!), day: '2026-11-20', language: s.testimony.language, status: 'new', length: Array.from(s.testimony.story).length, title: s.testimony.title ?? '', attachments: [],
    })));
    for (const [i, sub] of subs.entries()) {
      // the first characters of the short id, in any case, find the story
      const show = await offline(anna, ['show', base32Id(ids[i]!).slice(0, 6).toLowerCase(), '--json']);
      expect(show.code, show.stderr).toBe(0);
      const shown = JSON.parse(show.stdout);
      expect(shown).toMatchObject({ id: ids[i], story: sub.testimony.story, language: sub.testimony.language, replyKey: sub.testimony.replyKey, consent: true });
      expect(shown.title).toBe(sub.testimony.title ?? null);
      expect(shown.contact).toBe(sub.testimony.contact ?? null);
    }
  });

  it('prints a table and a readable story, with no escape sequences from the story', async () => {
    const evil = makeSubmission([anna.identity], { story: 'hi \x1b]52;c;cHduZWQ=\x07 there \x1b[2J', title: 'x\x1b[31m' });
    const [id] = await fillVault(anna, [evil]);
    const show = await offline(anna, ['show', id!]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).not.toContain('\x1b');
    expect(show.stdout).toContain('\\u{1b}]52;c;cHduZWQ=\\u{7}');
    const list = await offline(anna, ['list']);
    expect(list.stdout).toMatch(/^ID\s+RECEIVED\s+LANG\s+STATUS\s+LENGTH\s+TITLE$/m);
    expect(list.stdout).not.toContain('\x1b');
    await offline(anna, ['reject', id!]);
  });

  it('refuses a wrong passphrase with one line and exit 1', async () => {
    const result = await runCli(['list'], { env: { ...anna.env, SOTTO_PASSPHRASE: 'not the passphrase' }, offline: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`sotto-review: ${anna.keyFile}: wrong passphrase (or the key file was altered)\n`);
    expect(result.stdout).toBe('');
  });

  it('refuses another editor key on this vault', async () => {
    const boris = await makeEditor(temp.dir, 'boris', anna.env.SOTTO_VAULT);
    const result = await offline(boris, ['list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sotto-review: this vault belongs to another editor key/);
  });

  it('reports a missing vault before asking for a passphrase', async () => {
    const result = await runCli(['list'], { env: { SOTTO_KEY: anna.keyFile, SOTTO_VAULT: path.join(temp.dir, 'nowhere') }, offline: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sotto-review: no vault in .*nowhere: run `sotto-review pull`/);
    expect(existsSync(path.join(temp.dir, 'nowhere'))).toBe(false);
  });

  it('places detect and --help work offline too', async () => {
    const detect = await runCli(['places', 'detect'], { offline: true, input: '{"id":"a","lang":"ru","text":"Я жила в Казани."}\n' });
    expect(detect.code, detect.stderr).toBe(0);
    const line = JSON.parse(detect.stdout.trim());
    expect(line.id).toBe('a');
    expect(line.spans.map((s: { start: number; end: number }) => 'Я жила в Казани.'.slice(s.start, s.end))).toEqual(['Казани']);
    const help = await runCli(['export', '--help'], { offline: true });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: sotto-review export \[ID\.\.\.\] \[options\]/);
  });

  it('places detect --people prints the people as their own kind, apart from the places', async () => {
    const text = 'Мы с Аней гуляли по Казани, потом Sergei Petrov позвонил.';
    const input = JSON.stringify({ id: 'p', lang: 'ru', text }) + '\n';
    const spansOf = (stdout: string): string[] =>
      JSON.parse(stdout.trim()).spans.map((s: { start: number; end: number; kind: string }) => `${s.kind}:${text.slice(s.start, s.end)}`);
    const people = await runCli(['places', 'detect', '--people'], { offline: true, input });
    expect(people.code, people.stderr).toBe(0);
    expect(spansOf(people.stdout)).toEqual(['person:Аней', 'person:Sergei Petrov']);
    const places = await runCli(['places', 'detect'], { offline: true, input });
    expect(spansOf(places.stdout)).toEqual(['city:Казани']);
    const both = await runCli(['places', 'detect', '--people', '--all'], { offline: true, input });
    expect(both.code).toBe(2);
    expect(both.stdout).toBe('');
    const help = await runCli(['places', 'detect', '--help'], { offline: true });
    expect(help.stdout).toMatch(/--people/);
  });

  it('usage errors exit 2 with the command help', async () => {
    const result = await offline(anna, ['show']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sotto-review: ID is required\n\nUsage: sotto-review show ID/);
  });
});

describe('a tampered vault', () => {
  // Forged, swapped, rolled-back and deleted records: test/cli/vault-attacks.test.ts.
  it('a file that is not a vault is refused', async () => {
    const dir = path.join(temp.dir, 'notvault');
    await fillVault(anna, [], dir);
    writeFileSync(path.join(dir, 'vault.db'), 'not sqlite at all, just text'.repeat(200));
    const result = await runCli(['list'], { env: { ...anna.env, SOTTO_VAULT: dir }, offline: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('sotto-review: the vault is damaged or is not a Sotto vault\n');
  });
});

describe('review and export', () => {
  const out = () => path.join(temp.dir, 'site');

  it('approve is refused before anonymise', async () => {
    const result = await offline(anna, ['approve', ids[0]!]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot approve story .*: it has not been anonymised yet/);
  });

  it('interactive anonymise: accept, edit, keep, mark by hand, from answers on stdin', async () => {
    // Places in order: title Казани; story Казани (same place: not asked again), Москву, «Бублик», улице Баумана.
    // Text to mark that is not in the story is refused and asked for again.
    const answers = ['', 'e', 'большой город', 'k', 'm', 'нет такого', 'знали все', 'знали многие', '', 'четыре года', 'три года', 'несколько лет', ''].join('\n');
    const result = await offline(anna, ['anonymise', ids[0]!], `${answers}\n`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('[[Казани]]');
    expect(result.stdout).toContain('Text not found: «нет такого» is not in the title or story (type it exactly as written).');
    expect(result.stdout).toContain('Text not found: «четыре года»');
    const shown = JSON.parse((await offline(anna, ['show', ids[0]!, '--json'])).stdout);
    expect(shown.status).toBe('anonymised');
    const story: string = shown.anonymised.story;
    expect(story).not.toMatch(/Казан|Москв|Баумана|три года|знали все/);
    expect(story).toContain('большой город');
    expect(story).toContain('«Бублик»');
    expect(story).toContain('несколько лет');
    expect(shown.anonymised.title).not.toContain('Казан');
  });

  it('stopping or running out of answers saves nothing', async () => {
    const quit = await offline(anna, ['anonymise', ids[2]!], 'q\n');
    expect(quit.code).toBe(1);
    expect(quit.stderr).toBe('sotto-review: stopped; nothing was saved\n');
    const eof = await offline(anna, ['anonymise', ids[2]!], '');
    expect(eof.code).toBe(1);
    expect(eof.stderr).toMatch(/input ended before every place was reviewed; nothing was saved/);
    expect(JSON.parse((await offline(anna, ['show', ids[2]!, '--json'])).stdout).status).toBe('new');
  });

  it('approve and export refuse a story in which the detector still finds an unreviewed place', async () => {
    // As if the story had been anonymised before the detector learnt about Kazan: the saved
    // anonymised text still names it and no decision covers it.
    const editor = await makeEditor(temp.dir, 'strict');
    const [id] = await fillVault(editor, [makeSubmission([editor.identity], { story: 'Я из Казани.' })]);
    const { sealReviewState } = await import('../../reviewer-cli/review-state.ts');
    const sodium = await loadSodium();
    const state = { v: 1 as const, id: id!, status: 'approved' as const, anonymised: { story: 'Я из Казани.', decisions: [] }, tags: [], notes: [] };
    await withTestVault(editor, (vault, stateKey) => vault.saveState(id!, 0, (row, version) => sealReviewState(sodium, stateKey, { id: id!, envelopeHash: row.envelopeHash, version }, state)));

    const approve = await offline(editor, ['approve', id!]);
    expect(approve.code).toBe(1);
    expect(approve.stderr).toMatch(/cannot approve story .*: 1 place still unreviewed: «Казани» \(city\)/);
    const target = path.join(temp.dir, 'strict-site');
    const exported = await offline(editor, ['export', '--out', target]);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toBe(`sotto-review: no approved stories to export; story ${shortId(id!)}: 1 place still unreviewed: «Казани» (city) (run \`sotto-review anonymise ${shortId(id!)}\`)\n`);
    const strict = await offline(editor, ['export', '--out', target, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^sotto-review: nothing was exported: story .*: 1 place still unreviewed/);
    expect(existsSync(target)).toBe(false);
  });

  it('--auto, approve and export write Markdown + stories.json without any replaced place or id', async () => {
    for (const id of [ids[1]!, ids[2]!]) expect((await offline(anna, ['anonymise', id, '--auto'])).code).toBe(0);
    for (const id of ids) {
      const approve = await offline(anna, ['approve', id, '--tag', 'family']);
      expect(approve.code, approve.stderr).toBe(0);
    }
    const result = await offline(anna, ['export', '--out', out()]);
    expect(result.code, result.stderr).toBe(0);
    const files = readdirSync(out()).sort();
    expect(files).toHaveLength(4);
    expect(files).toContain('stories.json');
    const json = JSON.parse(readFileSync(path.join(out(), 'stories.json'), 'utf8'));
    expect(json).toHaveLength(3);
    const all = files.map((f) => readFileSync(path.join(out(), f), 'utf8')).join('\n');
    for (const word of ['Казан', 'Москв', 'Баумана', 'Manchester', 'Lyon', 'Bellecour', 'anna@example.org', '2026-11-20', ...ids, ...subs.map((s) => s.testimony.replyKey)]) {
      expect(all).not.toContain(word);
    }
    for (const file of files.filter((f) => f.endsWith('.md'))) {
      const { data, body } = parseMarkdown(path.join(out(), file));
      expect(Object.keys(data).sort()).toEqual(expect.arrayContaining(['title', 'language', 'month', 'tags', 'excerpt']));
      expect(data.month).toBe('2026-11');
      expect(data.tags).toEqual(['family']);
      expect(file).toBe(`${data.slug}.md`);
      expect(body).not.toMatch(/<script|\{\{/);
      expect(String(data.title)).not.toMatch(/[<>"]/);
    }
    const ru = json.find((s: { language: string }) => s.language === 'ru');
    expect(ru.region).toBe('volga');
  });

  it('export records in the sealed state that it wrote a story; a later decision clears it', async () => {
    const editor = await makeEditor(temp.dir, 'exported');
    const [id] = await fillVault(editor, [makeSubmission([editor.identity], { story: 'Nothing to replace here.', language: 'en' })]);
    const { openReviewState } = await import('../../reviewer-cli/review-state.ts');
    const sodium = await loadSodium();
    const sealed = () => withTestVault(editor, (vault, stateKey) => {
      const row = vault.row(id!);
      return openReviewState(sodium, stateKey, { id: id!, envelopeHash: row.envelopeHash, version: row.version }, row.state);
    });
    for (const args of [['anonymise', id!, '--auto'], ['approve', id!]]) expect((await offline(editor, args)).code).toBe(0);
    expect((await sealed()).exported).toBeUndefined();
    const target = path.join(temp.dir, 'exported-site');
    expect((await offline(editor, ['export', '--out', target])).code).toBe(0);
    expect(await sealed()).toMatchObject({ status: 'approved', exported: true });
    expect((await offline(editor, ['approve', id!, '--tag', 'work'])).code).toBe(0);
    expect(await sealed()).toMatchObject({ tags: ['work'], exported: true });
    expect((await offline(editor, ['reject', id!])).code).toBe(0);
    expect((await sealed()).exported).toBeUndefined();
    expect((await offline(editor, ['approve', id!])).code).toBe(0);
    expect((await sealed()).status).toBe('approved');
    expect((await sealed()).exported).toBeUndefined();
  });

  it('exporting again gives byte-identical files (stable slugs)', async () => {
    const before = Object.fromEntries(readdirSync(out()).map((f) => [f, readFileSync(path.join(out(), f), 'utf8')]));
    expect((await offline(anna, ['export', '--out', out()])).code).toBe(0);
    const after = Object.fromEntries(readdirSync(out()).map((f) => [f, readFileSync(path.join(out(), f), 'utf8')]));
    expect(after).toEqual(before);
  });

  it('a withdrawn story is skipped with a warning and its earlier file removed by name; --strict writes nothing', async () => {
    await withTestVault(anna, (vault) => vault.markWithdrawn([ids[2]!]));
    const target = path.join(temp.dir, 'site-after-withdrawal');
    const strict = await offline(anna, ['export', '--out', target, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe(`sotto-review: nothing was exported: story ${shortId(ids[2]!)}: it was withdrawn by its author and can never be published\n`);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(temp.dir).filter((f) => f.includes('site-after'))).toEqual([]);
    const approve = await offline(anna, ['approve', ids[2]!]);
    expect(approve.code).toBe(1);
    expect(approve.stderr).toMatch(/withdrawn by its author/);

    const before = readdirSync(out());
    const again = await offline(anna, ['export', '--out', out()]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(`Exported 2 stories to ${out()}.\n`);
    const after = readdirSync(out());
    const gone = before.filter((f) => !after.includes(f));
    expect(gone).toHaveLength(1);
    expect(again.stderr).toBe(`sotto-review: warning: skipped story ${shortId(ids[2]!)}: it was withdrawn by its author and can never be published; removed ${gone[0]} from the earlier export\n`);
    expect(JSON.parse(readFileSync(path.join(out(), 'stories.json'), 'utf8'))).toHaveLength(2);
    expect(readdirSync(temp.dir).filter((f) => f.startsWith('.site'))).toEqual([]);
  });

  it('a smaller export keeps the stories an earlier export holds; a rejected one is removed by name', async () => {
    const before = readdirSync(out()).sort();
    const smaller = await offline(anna, ['export', '--out', out(), shortId(ids[0]!)]);
    expect(smaller.code, smaller.stderr).toBe(0);
    expect(smaller.stderr).toBe('');
    expect(readdirSync(out()).sort()).toEqual(before);
    expect(smaller.stdout).toBe(`Exported 2 stories to ${out()}.\n`);

    const editor = await makeEditor(temp.dir, 'smaller');
    const [kept, dropped] = await fillVault(editor, [
      makeSubmission([editor.identity], { story: 'The first story.', language: 'en' }),
      makeSubmission([editor.identity], { story: 'The second story.', language: 'en' }),
    ]);
    for (const id of [kept!, dropped!]) for (const args of [['anonymise', id, '--auto'], ['approve', id]]) expect((await offline(editor, args)).code).toBe(0);
    const site = path.join(temp.dir, 'smaller-site');
    expect((await offline(editor, ['export', '--out', site])).code).toBe(0);
    expect((await offline(editor, ['reject', dropped!])).code).toBe(0);
    const result = await offline(editor, ['export', '--out', site, kept!]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^sotto-review: warning: skipped story ${shortId(dropped!)}: it was rejected; removed story-[0-9a-f]{16}\\.md from the earlier export\n$`));
    expect(readdirSync(site)).toHaveLength(2);

    // a story file this vault cannot account for is never dropped silently
    writeFileSync(path.join(site, 'story-0123456789abcdef.md'), 'from another vault');
    const unknown = await offline(editor, ['export', '--out', site]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('sotto-review: the folder holds 1 story this vault does not know (story-0123456789abcdef.md); nothing was exported: export to a new folder\n');
    expect(readdirSync(site)).toHaveLength(3);
  });

  it('export refuses a folder holding files it did not write', async () => {
    const dir = path.join(temp.dir, 'busy');
    await fillVault(anna, [], path.join(temp.dir, 'unused-vault'));
    writeFileSync(path.join(temp.dir, 'placeholder'), '');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'index.html'), 'mine');
    const result = await offline(anna, ['export', '--out', dir, ids[0]!]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/holds files sotto-review did not write \(index.html\)/);
    expect(readdirSync(dir)).toEqual(['index.html']);
  });

  it('note and reject are sealed in the vault, never in clear', async () => {
    expect((await offline(anna, ['note', ids[1]!, 'call the author back: secret-note-text'])).code).toBe(0);
    expect((await offline(anna, ['reject', ids[1]!])).code).toBe(0);
    const shown = JSON.parse((await offline(anna, ['show', ids[1]!, '--json'])).stdout);
    expect(shown.status).toBe('rejected');
    expect(shown.notes).toEqual([{ day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), text: 'call the author back: secret-note-text' }]);
    const raw = readdirSync(anna.env.SOTTO_VAULT).map((f) => readFileSync(path.join(anna.env.SOTTO_VAULT, f)).toString('latin1')).join('');
    for (const clear of ['secret-note-text', 'rejected', 'большой город', 'Manchester']) expect(raw).not.toContain(clear);
  });
});

describe('notes from standard input', () => {
  it('note reads the text from stdin when TEXT is left out or is -, and --help recommends it', async () => {
    const editor = await makeEditor(temp.dir, 'notes');
    const [id] = await fillVault(editor, [makeSubmission([editor.identity], { story: 'one' })]);
    const piped = await offline(editor, ['note', shortId(id!)], 'she said: "do not use my name"\nsecond line\n');
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toBe(`Note added to story ${shortId(id!)}.\n`);
    const dash = await offline(editor, ['note', id!, '-'], 'from a dash\r\n');
    expect(dash.code, dash.stderr).toBe(0);
    const empty = await offline(editor, ['note', id!], ' \n\n');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe('sotto-review: the note is empty; nothing was saved\n');
    expect((await offline(editor, ['note', id!, 'as an argument still works'])).code).toBe(0);
    const shown = JSON.parse((await offline(editor, ['show', id!, '--json'])).stdout);
    expect(shown.notes.map((n: { text: string }) => n.text)).toEqual(['she said: "do not use my name"\nsecond line', 'from a dash', 'as an argument still works']);

    const help = await runCli(['note', '--help'], { offline: true });
    expect(help.stdout).toMatch(/^Usage: sotto-review note ID \[TEXT\] \[options\]/);
    expect(help.stdout).toMatch(/leave TEXT out[\s\S]*shell history[\s\S]*process list/);
  });
});
