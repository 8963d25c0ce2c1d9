// Builds the submit page into static files: index.html, style.css, app.js, pow-worker.js,
// favicon.svg, i18n/<lang>.json for every language but Russian, and manifest.json (SHA-256 of every served
// file, for editors to publish elsewhere). The editors' keys are parsed here and written into
// app.js; the HTML is pre-rendered in Russian, so the page reads right even with JavaScript off.
// Russian is not sent twice: app.js carries only the Russian messages the HTML does not hold word
// for word (run-time messages and those with slots, SOTTO_RU_RUNTIME); the page reads the rest
// back from itself (submit-client/i18n.ts, `pageMessages`). The other languages' files are pinned
// by SHA-256 hashes written into app.js (itself pinned by the HTML's integrity attribute), and so
// are the scripts loaded only when a view needs them (status.js, pictures.js:
// submit-client/lazy-script.ts).
// The language buttons and the story-language options are generated from UI_LANGUAGES (i18n.ts),
// each named in its own language (the dictionary's `languageName`).
//
// Reproducible: the output depends only on this tree and the key list (no timestamps, no paths,
// fixed file order), so anyone can rebuild and compare against a published manifest.
//
// Two steps (submit-client/page-template.ts): buildPageTemplate() does everything that needs
// esbuild and no keys, at build time; fillPageTemplate() adds the keys, at the server's start.
// buildSubmitPage() runs both, for the command line (build-cli.ts) and tests.
//
// Paths are resolved from the repository root, found as the parent of this module's directory:
// that holds both for submit-client/build.ts and for dist/server.mjs, which bundles this file.

import { build, transform, type BuildOptions } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTACT_MAX_CHARS, REGIONS, STORY_MAX_CHARS, TITLE_MAX_CHARS } from '../crypto/testimony-rules.ts';
import { DICTIONARIES } from './dictionaries.ts';
import { PICTURES_FILE } from './pictures-contract.ts';
import { STATUS_FILE, STATUS_VIEW_KEYS } from './status-contract.ts';
import { DEFAULT_LANGUAGE, UI_LANGUAGES, fillMessage, type MessageKey, type Messages, type UiLanguage } from './i18n.ts';
import {
  EDITOR_COUNT_IN_JSON, EDITOR_KEYS_DEFINE, escapeHtml, fillPageTemplate, fillSlots, sri, writePageFiles, type FillOptions, type PageTemplate,
} from './page-template.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(ROOT, 'submit-client');

export interface PageTemplateOptions {
  /** Demo mode (SECURITY.md §5): a warning in every language not to send a real story.
   * scripts/build.mjs builds both templates; a demo server fills this one. */
  demo?: boolean;
}

export interface BuildSubmitPageOptions extends PageTemplateOptions, FillOptions {
  /** The editors' key list (docs/API.md, crypto/public-key.ts). Throws FormatError if invalid. */
  editorsKeyList: string;
  outDir: string;
}

export interface BuiltSubmitPage {
  /** Every file written, sorted, manifest.json included. */
  files: string[];
  /** File name → hex SHA-256, for every served file except manifest.json itself. */
  manifest: Record<string, string>;
}

const SCRIPT_OPTIONS: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'iife',
  // Tor Browser follows Firefox ESR; es2020 keeps the bundle readable by every browser in use.
  target: 'es2020',
  charset: 'utf8',
  legalComments: 'none',
  write: false,
  logLevel: 'silent',
  absWorkingDir: ROOT,
};

async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const result = await build({ ...SCRIPT_OPTIONS, entryPoints: [path.join(SOURCE, entry)], define });
  return result.outputFiles![0]!.text;
}

/** A plain mark for the browser tab (and no /favicon.ico request answered 404). */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><circle cx="1" cy="1" r="1" fill="#1c5d6e"/></svg>';

const DEMO_BANNER = `<div class="wrap"><section class="notice notice-warn" aria-labelledby="demo-title">
  <h2 id="demo-title" class="demo-title" data-i18n="demoTitle"></h2>
  <p data-i18n="demoText"></p>
</section></div>`;
const DEMO_NOTE = '<p class="notice notice-warn demo-note" data-i18n="demoTitle"></p>';

/** Messages only a demo server's page shows; a real one sends them in no language. */
const DEMO_KEYS: readonly MessageKey[] = ['demoTitle', 'demoText'];

/** `lang`'s dictionary as the page gets it: everything it can show. Not `languageName`: the
 * build writes it on the language's button, where the page reads it. */
function pageDictionary(lang: UiLanguage, demo: boolean): Partial<Messages> {
  const messages: Partial<Messages> = { ...DICTIONARIES[lang] };
  // The status view's texts travel in status.js (statusTexts), for those who open it.
  const unused: readonly MessageKey[] = [...STATUS_VIEW_KEYS, 'languageName', ...(demo ? [] : DEMO_KEYS)];
  for (const key of unused) delete (messages as Record<string, string>)[key];
  return messages;
}

/** STATUS_VIEW_KEYS in every language, for status.js (status-main.ts). */
function statusTexts(): Record<UiLanguage, Partial<Messages>> {
  const texts = UI_LANGUAGES.map((lang) => [lang, Object.fromEntries(STATUS_VIEW_KEYS.map((key) => [key, DICTIONARIES[lang][key]]))]);
  return Object.fromEntries(texts) as Record<UiLanguage, Partial<Messages>>;
}

/** The Russian text of `key`, its slots filled. */
function russian(key: MessageKey, values: Record<string, string | number> = {}): string {
  return fillMessage(DICTIONARIES[DEFAULT_LANGUAGE][key], DEFAULT_LANGUAGE, values);
}

/** A text the HTML parser gives back unchanged as textContent or an attribute value (it turns
 * CR into LF and drops NUL); any other, and any message with slots, goes into app.js instead. */
const READS_BACK = /^[^\r\0]*$/;

/** Pre-renders every `data-i18n` element (text) and `data-i18n-label` (aria-label) in Russian.
 * `verbatim`: the keys the page can read back from itself, exactly as in the dictionary, by the
 * rule of `pageMessages` (i18n.ts): an element with no `data-i18n-values`, or an aria-label. */
function renderRussian(html: string): { html: string; verbatim: Set<MessageKey> } {
  const verbatim = new Set<MessageKey>();
  const rendered = html
    .replace(
      /(<(\w+)\b[^>]*\sdata-i18n="([\w-]+)"(?:\s+data-i18n-values='([^']*)')?[^>]*>)(<\/\2>)/g,
      (_, open: string, _tag: string, key: MessageKey, values: string | undefined, close: string) => {
        if (values === undefined && READS_BACK.test(russian(key))) verbatim.add(key);
        return open + escapeHtml(russian(key, values ? JSON.parse(values) : {})) + close;
      },
    )
    .replace(/\sdata-i18n-label="([\w-]+)"/g, (whole, key: MessageKey) => {
      if (READS_BACK.test(russian(key))) verbatim.add(key);
      return `${whole} aria-label="${escapeHtml(russian(key))}"`;
    });
  return { html: rendered, verbatim };
}

/** Everything of the page but the editors' keys (page-template.ts says where they go). */
export async function buildPageTemplate(options: PageTemplateOptions = {}): Promise<PageTemplate> {
  const fetched = UI_LANGUAGES.filter((lang) => lang !== DEFAULT_LANGUAGE);
  const demo = options.demo ?? false;
  const translations = Object.fromEntries(fetched.map((lang) => [`i18n/${lang}.json`, JSON.stringify(pageDictionary(lang, demo))]));
  // SHA-256 (still SRI, as the W3C spec allows) rather than SHA-384 for the many language
  // files, without the "sha256-" prefix translations.ts adds: less in app.js, which every
  // visitor loads.
  const translationIntegrity = JSON.stringify(Object.fromEntries(fetched.map((lang) => [lang, sri(translations[`i18n/${lang}.json`]!, 'sha256').slice('sha256-'.length)])));

  const [worker, statusView, pictures, css, template] = await Promise.all([
    bundle('pow-worker.ts'),
    bundle('status-main.ts', { SOTTO_STATUS_TEXTS: JSON.stringify(statusTexts()) }),
    bundle('pictures-view.ts'),
    readFile(path.join(SOURCE, 'style.css'), 'utf8').then(async (source) => (await transform(source, { loader: 'css', minify: true, charset: 'utf8' })).code),
    readFile(path.join(SOURCE, 'page.html'), 'utf8'),
  ]);

  // Left for the start: the fingerprint, app.js's hash, the quick-exit address, and the editor
  // count, which stands in data-i18n-values as a JSON string until then (renderRussian parses
  // that JSON, and leaves the plural slot that depends on it for the start too).
  const atStart = (name: string): boolean => name === 'fingerprint' || name === 'integrity:app.js' || name === 'exitUrl';
  const nameOf = (lang: UiLanguage): string => escapeHtml(DICTIONARIES[lang].languageName);
  const prerendered = renderRussian(fillSlots(template, {
    demoBanner: demo ? DEMO_BANNER : '',
    demoNote: demo ? DEMO_NOTE : '',
    currentLanguage: nameOf(DEFAULT_LANGUAGE),
    languageButtons: UI_LANGUAGES.map((lang) =>
      // Outside any form, so no type="button" is needed.
      `<button data-lang="${lang}" lang="${lang}" aria-pressed="${lang === DEFAULT_LANGUAGE}">${nameOf(lang)}</button>`).join('\n'),
    storyLanguageOptions: UI_LANGUAGES.map((lang) => `<option value="${lang}" lang="${lang}">${nameOf(lang)}</option>`).join('\n'),
    editorCount: EDITOR_COUNT_IN_JSON,
    storyMax: String(STORY_MAX_CHARS),
    titleMax: String(TITLE_MAX_CHARS),
    contactMax: String(CONTACT_MAX_CHARS),
    regionOptions: REGIONS.map((r) => `<option value="${r}" data-i18n="region_${r}"></option>`).join('\n              '),
  }, (name) => atStart(name) || name === 'integrity:style.css'));
  // In dictionary order, so the bundle is the same from one build to the next.
  const russianRuntime = JSON.stringify(Object.fromEntries(
    Object.entries(pageDictionary(DEFAULT_LANGUAGE, demo)).filter(([key]) => !prerendered.verbatim.has(key as MessageKey))));

  const lazyScripts = JSON.stringify({
    [STATUS_FILE]: sri(statusView, 'sha256').slice('sha256-'.length),
    [PICTURES_FILE]: sri(pictures, 'sha256').slice('sha256-'.length),
  });
  const app = await bundle('main.ts', {
    SOTTO_EDITOR_KEYS: EDITOR_KEYS_DEFINE, SOTTO_TRANSLATIONS: translationIntegrity, SOTTO_RU_RUNTIME: russianRuntime, SOTTO_LAZY_SCRIPTS: lazyScripts,
  });
  // Only the style's hash now: the Russian text just written in is not a template.
  const html = fillSlots(prerendered.html, { 'integrity:style.css': sri(css) }, (name) => name !== 'integrity:style.css')
    // Indentation costs every visitor bytes and shows nothing: white space with a line break
    // renders as one space (the page has no <pre> and its textarea starts empty).
    .replace(/\n\s+/g, '\n');
  return {
    'app.js': app, 'favicon.svg': FAVICON, 'index.html': html, [PICTURES_FILE]: pictures, 'pow-worker.js': worker, [STATUS_FILE]: statusView, 'style.css': css, ...translations,
  };
}

/** Writes a template for servers to fill (scripts/build.mjs: dist/page-template/ and, for demo
 * servers, dist/page-template-demo/). */
export async function writePageTemplate(dir: string, options: PageTemplateOptions = {}): Promise<void> {
  await writePageFiles(dir, await buildPageTemplate(options));
}

/** Builds the whole page for `editorsKeyList` into `outDir`: the same bytes a server with that
 * key list serves (server/site.ts fills the template built by scripts/build.mjs). */
export async function buildSubmitPage(options: BuildSubmitPageOptions): Promise<BuiltSubmitPage> {
  const page = fillPageTemplate(await buildPageTemplate(options), options.editorsKeyList, options);
  await writePageFiles(options.outDir, page.files);
  return { files: Object.keys(page.files).sort(), manifest: page.manifest };
}
