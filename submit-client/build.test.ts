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
import { STORY_LANGUAGES } from '../crypto/contract.ts';
import { DICTIONARIES } from './dictionaries.ts';
import { UI_LANGUAGES, fillMessage, type Messages } from './i18n.ts';
import { STATUS_VIEW_KEYS } from './status-contract.ts';

/** A dictionary as a demo server's page gets it: the language's name is on its button. */
/** A dictionary as a demo server's page gets it: not the language's own name (on its button), nor
 * the status view's texts (status.js brings those). */
const asServedInDemo = ({ languageName: _name, ...rest }: Messages): Partial<Messages> => {
  const served: Partial<Messages> = rest;
  for (const key of STATUS_VIEW_KEYS) delete served[key];
  return served;
};
/** A dictionary as a real server's page gets it: no demo warning either. */
const withoutDemo = (messages: Messages): Partial<Messages> => {
  const { demoTitle: _title, demoText: _text, ...rest } = asServedInDemo(messages);
  return rest;
};

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

  it('pins the lazily loaded status.js by its SHA-256 inside app.js', async () => {
    const app = await readFile(path.join(dir, 'a', 'app.js'), 'utf8');
    const status = await readFile(path.join(dir, 'a', 'status.js'));
    const digest = createHash('sha256').update(status).digest('base64');
    expect(app).toContain(`"status.js":"${digest}"`);
  });

  it('writes the page files and a manifest of their SHA-256', async () => {
    const translations = UI_LANGUAGES.filter((lang) => lang !== 'ru').map((lang) => `i18n/${lang}.json`);
    expect(first.files).toEqual(
      ['app.js', 'favicon.svg', ...translations, 'index.html', 'manifest.json', 'pictures.js', 'pow-worker.js', 'status.js', 'style.css'].sort());
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
    for (const lang of UI_LANGUAGES.filter((l) => l !== 'ru')) {
      const file = await readFile(path.join(dir, 'a', 'i18n', `${lang}.json`));
      expect(JSON.parse(file.toString('utf8'))).toEqual(withoutDemo(DICTIONARIES[lang]));
      expect(app).toContain(`${lang}:"${createHash('sha256').update(file).digest('base64')}"`);
      expect(app).not.toContain(DICTIONARIES[lang].formIntro);
    }
  });

  it('leaves the status view\'s texts to status.js, in every language', async () => {
    const app = await readFile(path.join(dir, 'a', 'app.js'), 'utf8');
    const status = await readFile(path.join(dir, 'a', 'status.js'), 'utf8');
    for (const lang of UI_LANGUAGES) {
      for (const key of STATUS_VIEW_KEYS) {
        const text = JSON.stringify(DICTIONARIES[lang][key]).slice(1, -1);
        expect(status, `${lang} ${key}`).toContain(text);
        expect(app, `${lang} ${key}`).not.toContain(text);
      }
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
    const sent = withoutDemo(DICTIONARIES.ru);
    const inApp = Object.keys(sent).filter((key) => !inHtml.has(key));
    for (const [key, text] of Object.entries(sent)) {
      if (inHtml.has(key)) {
        expect(inHtml.get(key), key).toBe(text);
        expect(app.includes(text), `${key} is in the HTML and in app.js`).toBe(false);
      } else {
        expect(app.includes(text), `${key} is neither in the HTML nor in app.js`).toBe(true);
      }
    }
    // The run-time messages (errors, progress, statuses) and those with slots, about a third.
    expect(inApp).toEqual(expect.arrayContaining(['errorNetwork', 'errorLanguage', 'stageEncrypt', 'receiptCopied', 'storyCount', 'keysText']));
    expect(inApp).not.toContain('formIntro');
    expect(inApp.length).toBeLessThan(Object.keys(DICTIONARIES.ru).length / 2);
    // Only a demo server's page carries the demo warning.
    expect(app).not.toContain(DICTIONARIES.ru.demoText);
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
    // The editor count, known only when the keys are filled in, with its plural form.
    expect(html).toContain(`>${fillMessage(DICTIONARIES.ru.keysText, 'ru', { count: 2 })}<`);
    expect(fillMessage(DICTIONARIES.ru.keysText, 'ru', { count: 2 })).toContain('для 2 редакторов.');
  });

  it('generates a button and a story-language option for every language, each named in itself', () => {
    const buttons = [...html.matchAll(/<button data-lang="(\w+)" lang="\1" aria-pressed="(true|false)">([^<]+)<\/button>/g)];
    expect(buttons.map((m) => [m[1], m[2], m[3]])).toEqual(
      UI_LANGUAGES.map((lang) => [lang, String(lang === 'ru'), DICTIONARIES[lang].languageName]));
    const select = /<select id="language"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!;
    const options = [...select.matchAll(/<option value="([\w-]+)"/g)].map((m) => m[1]);
    expect(options).toEqual([...STORY_LANGUAGES]);
    for (const lang of UI_LANGUAGES) expect(select).toContain(`<option value="${lang}" lang="${lang}">${DICTIONARIES[lang].languageName}</option>`);
  });

  it('shows the demo warning only in demo mode, in Russian until the page switches language', async () => {
    expect(html).not.toContain('demo');
    await buildSubmitPage({ editorsKeyList: keyList, outDir: path.join(dir, 'demo'), demo: true });
    const demo = await readFile(path.join(dir, 'demo', 'index.html'), 'utf8');
    expect(demo).toContain(`<h2 id="demo-title" class="demo-title" data-i18n="demoTitle">${DICTIONARIES.ru.demoTitle}</h2>`);
    expect(demo).toContain(`<p data-i18n="demoText">${DICTIONARIES.ru.demoText}</p>`);
    expect(demo).toContain(`<p class="notice notice-warn demo-note" data-i18n="demoTitle">${DICTIONARIES.ru.demoTitle}</p>`);
    // Every other language's file carries it too.
    expect(JSON.parse(await readFile(path.join(dir, 'demo', 'i18n', 'kk.json'), 'utf8'))).toEqual(asServedInDemo(DICTIONARIES.kk));
    // Before the form: the banner comes right after the header.
    expect(demo.indexOf('id="demo-title"')).toBeLessThan(demo.indexOf('<main'));
  });

  it('sends quick exit where it is told to', async () => {
    await buildSubmitPage({ editorsKeyList: keyList, outDir: path.join(dir, 'exit'), exitUrl: 'https://weather.example/?q="x"' });
    const page = await readFile(path.join(dir, 'exit', 'index.html'), 'utf8');
    expect(page).toContain('<a class="quick-exit" id="quick-exit" href="https://weather.example/?q=&#34;x&#34;" rel="noreferrer">');
  });

  it('refuses an invalid key list', async () => {
    await expect(buildSubmitPage({ editorsKeyList: '# nobody\n', outDir: path.join(dir, 'd') })).rejects.toThrow(FormatError);
  });
});
