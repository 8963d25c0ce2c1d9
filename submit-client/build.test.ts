import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64uEncode, concatBytes } from '../crypto/bytes.ts';
import { generateIdentity, publicKeyLineOf } from '../crypto/identity.ts';
import { keySetFingerprint, parseKeyList } from '../crypto/public-key.ts';
import { FormatError } from '../crypto/errors.ts';
import { buildSubmitPage, type BuiltSubmitPage } from './build.ts';
import { DICTIONARIES } from './i18n/dictionaries.ts';

const keyList = [generateIdentity(), generateIdentity()].map((id, i) => publicKeyLineOf(id, `editor ${i}`)).join('\n');

describe('buildSubmitPage', () => {
  let dir: string;
  let first: BuiltSubmitPage;
  let html: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sotto-build-'));
    first = await buildSubmitPage({ editorsKeyList: keyList, outDir: path.join(dir, 'a') });
    html = await readFile(path.join(dir, 'a', 'index.html'), 'utf8');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the page files and a manifest of their SHA-256', async () => {
    expect(first.files).toEqual([
      'app.js', 'i18n/en.json', 'i18n/fr.json', 'i18n/uk.json', 'index.html', 'manifest.json', 'pow-worker.js', 'style.css',
    ]);
    const written = await readdir(path.join(dir, 'a'), { recursive: true, withFileTypes: true });
    expect(written.filter((e) => e.isFile()).map((e) => path.posix.join(path.relative(path.join(dir, 'a'), e.parentPath), e.name)).sort()).toEqual(first.files);
    const manifest = JSON.parse(await readFile(path.join(dir, 'a', 'manifest.json'), 'utf8')) as Record<string, string>;
    expect(manifest).toEqual(first.manifest);
    for (const [name, digest] of Object.entries(manifest)) {
      expect(createHash('sha256').update(await readFile(path.join(dir, 'a', name))).digest('hex')).toBe(digest);
    }
  });

  it('is reproducible: a second build, elsewhere, is byte-identical', async () => {
    const second = await buildSubmitPage({ editorsKeyList: keyList, outDir: path.join(dir, 'b') });
    expect(second).toEqual(first);
    for (const name of first.files) {
      expect(await readFile(path.join(dir, 'b', name))).toEqual(await readFile(path.join(dir, 'a', name)));
    }
    for (const name of first.files) {
      const text = await readFile(path.join(dir, 'a', name), 'utf8');
      expect(text).not.toContain(process.cwd());
      expect(text).not.toContain(dir);
    }
  });

  it('gives script and style SRI hashes that match the files', async () => {
    for (const [tag, file] of [['script', 'app.js'], ['link', 'style.css']] as const) {
      const match = new RegExp(`<${tag}\\b[^>]*\\b(?:src|href)="${file}"[^>]*integrity="sha384-([^"]+)"`).exec(html);
      expect(match, file).not.toBeNull();
      expect(match![1]).toBe(createHash('sha384').update(await readFile(path.join(dir, 'a', file))).digest('base64'));
    }
  });

  it('writes each language but Russian to its own file, pinned by a hash in app.js', async () => {
    const app = await readFile(path.join(dir, 'a', 'app.js'), 'utf8');
    for (const lang of ['uk', 'en', 'fr'] as const) {
      const file = await readFile(path.join(dir, 'a', 'i18n', `${lang}.json`));
      expect(JSON.parse(file.toString('utf8'))).toEqual(DICTIONARIES[lang]);
      expect(app).toContain(`sha384-${createHash('sha384').update(file).digest('base64')}`);
      expect(app).not.toContain(DICTIONARIES[lang].formIntro);
    }
  });

  it('sends each Russian text once: in the HTML word for word, or else in app.js', async () => {
    const app = await readFile(path.join(dir, 'a', 'app.js'), 'utf8');
    // What the page reads back from itself (i18n.ts, pageMessages): the text of a data-i18n element
    // without data-i18n-values, and a data-i18n-label's aria-label, entities decoded.
    const decode = (text: string): string => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    const inHtml = new Map<string, string>();
    for (const [, attrs, text] of html.matchAll(/<\w+\b([^>]*)>([^<]*)(?=<)/g)) {
      const key = /\sdata-i18n="([\w-]+)"/.exec(attrs!)?.[1];
      if (key && !attrs!.includes('data-i18n-values')) inHtml.set(key, decode(text!));
      const label = /\sdata-i18n-label="([\w-]+)"[^>]*\saria-label="([^"]*)"/.exec(attrs!);
      if (label) inHtml.set(label[1]!, decode(label[2]!));
    }
    const inApp = Object.keys(DICTIONARIES.ru).filter((key) => !inHtml.has(key));
    for (const [key, text] of Object.entries(DICTIONARIES.ru)) {
      if (inHtml.has(key)) {
        expect(inHtml.get(key), key).toBe(text);
        expect(app.includes(text), `${key} is in the HTML and in app.js`).toBe(false);
      } else {
        expect(app.includes(text), `${key} is neither in the HTML nor in app.js`).toBe(true);
      }
    }
    // The run-time messages (errors, progress, statuses) and those with slots, about a third.
    expect(inApp).toEqual(expect.arrayContaining(['errorNetwork', 'errorLanguage', 'stageEncrypt', 'status_received', 'receiptCopied', 'storyCount', 'keysText']));
    expect(inApp).not.toContain('formIntro');
    expect(inApp.length).toBeLessThan(Object.keys(DICTIONARIES.ru).length / 2);
  });

  it('embeds the editors\' keys and shows their fingerprint', async () => {
    const keys = parseKeyList(keyList);
    const app = await readFile(path.join(dir, 'a', 'app.js'), 'utf8');
    // Both halves: the page shows the fingerprint of exactly the keys it encrypts to (editors.ts).
    for (const key of keys) expect(app).toContain(b64uEncode(concatBytes(key.x25519, key.ed25519)));
    expect(html).toContain(keySetFingerprint(keys));
    const other = await buildSubmitPage({ editorsKeyList: publicKeyLineOf(generateIdentity()), outDir: path.join(dir, 'c') });
    expect(other.manifest['app.js']).not.toBe(first.manifest['app.js']);
  });

  it('has no inline script or style, no outside resource, and autocomplete off on every field', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    expect([...html.matchAll(/\s(?:src|href)="([^"#]+)"/g)].map((m) => m[1])).toEqual(
      expect.arrayContaining(['style.css', 'app.js', 'https://www.wikipedia.org/']));
    for (const [, url] of html.matchAll(/\s(?:src)="([^"]+)"/g)) expect(url).not.toMatch(/^(https?:)?\/\//);
    const fields = [...html.matchAll(/<(input|textarea|select)\b[^>]*>/g)].map((m) => m[0]);
    expect(fields.length).toBeGreaterThanOrEqual(7);
    for (const field of fields) expect(field).toContain('autocomplete="off"');
    for (const form of html.matchAll(/<form\b[^>]*>/g)) {
      expect(form[0]).toContain('autocomplete="off"');
      expect(form[0]).not.toMatch(/\s(action|method)=/);
    }
  });

  it('pre-renders every text in Russian so the page reads right without JavaScript', () => {
    expect(html).toMatch(/<html lang="ru"/);
    expect(html).toContain('<h1 id="form-title" tabindex="-1" data-i18n="formTitle">Ваша история</h1>');
    expect(html).not.toMatch(/data-i18n="[^"]+"[^>]*><\//);
    expect(html).not.toContain('{{');
  });

  it('refuses an invalid key list', async () => {
    await expect(buildSubmitPage({ editorsKeyList: '# nobody\n', outDir: path.join(dir, 'd') })).rejects.toThrow(FormatError);
  });
});
