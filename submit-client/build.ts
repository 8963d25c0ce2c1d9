// Builds the submit page into static files: index.html, style.css, app.js, pow-worker.js,
// i18n/<lang>.json for every language but Russian, and manifest.json (SHA-256 of every served
// file, for editors to publish elsewhere). The editors' keys are parsed here and written into
// app.js; the HTML is pre-rendered in Russian, so the page reads right even with JavaScript off.
// Russian is not sent twice: app.js carries only the Russian messages the HTML does not hold word
// for word (run-time messages and those with slots, SOTTO_RU_RUNTIME); the page reads the rest
// back from itself (submit-client/i18n.ts, `pageMessages`). The other languages' files are pinned
// by SHA-384 hashes written into app.js (itself pinned by the HTML's integrity attribute).
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
import { DEFAULT_LANGUAGE, UI_LANGUAGES, fillMessage, type MessageKey } from './i18n.ts';
import { DICTIONARIES } from './i18n/dictionaries.ts';
import { EDITOR_COUNT_IN_JSON, EDITOR_KEYS_DEFINE, fillPageTemplate, fillSlots, sri, writePageFiles, type PageTemplate } from './page-template.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(ROOT, 'submit-client');

/** Where quick exit goes: a neutral, widely used site. */
export const DEFAULT_EXIT_URL = 'https://www.wikipedia.org/';

export interface PageTemplateOptions {
  /** Quick exit's destination; tests point it at their own server. */
  exitUrl?: string;
}

export interface BuildSubmitPageOptions extends PageTemplateOptions {
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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
  const translations = Object.fromEntries(fetched.map((lang) => [`i18n/${lang}.json`, JSON.stringify(DICTIONARIES[lang])]));
  const translationIntegrity = JSON.stringify(Object.fromEntries(fetched.map((lang) => [lang, sri(translations[`i18n/${lang}.json`]!)])));

  const [worker, css, template] = await Promise.all([
    bundle('pow-worker.ts'),
    readFile(path.join(SOURCE, 'style.css'), 'utf8').then(async (source) => (await transform(source, { loader: 'css', minify: true, charset: 'utf8' })).code),
    readFile(path.join(SOURCE, 'page.html'), 'utf8'),
  ]);

  // Left for the start: the fingerprint, app.js's hash, and the editor count, which stands in
  // data-i18n-values as a JSON string until then (renderRussian parses that JSON).
  const keyDependent = (name: string): boolean => name === 'fingerprint' || name === 'integrity:app.js';
  const prerendered = renderRussian(fillSlots(template, {
    exitUrl: escapeHtml(options.exitUrl ?? DEFAULT_EXIT_URL),
    editorCount: EDITOR_COUNT_IN_JSON,
    storyMax: String(STORY_MAX_CHARS),
    titleMax: String(TITLE_MAX_CHARS),
    contactMax: String(CONTACT_MAX_CHARS),
    regionOptions: REGIONS.map((r) => `<option value="${r}" data-i18n="region_${r}"></option>`).join('\n              '),
  }, (name) => keyDependent(name) || name === 'integrity:style.css'));
  // In dictionary order, so the bundle is the same from one build to the next.
  const russianRuntime = JSON.stringify(Object.fromEntries(
    Object.entries(DICTIONARIES[DEFAULT_LANGUAGE]).filter(([key]) => !prerendered.verbatim.has(key as MessageKey))));

  const app = await bundle('main.ts', { SOTTO_EDITOR_KEYS: EDITOR_KEYS_DEFINE, SOTTO_TRANSLATIONS: translationIntegrity, SOTTO_RU_RUNTIME: russianRuntime });
  // Only the style's hash now: the Russian text just written in is not a template.
  const html = fillSlots(prerendered.html, { 'integrity:style.css': sri(css) }, (name) => name !== 'integrity:style.css');
  return { 'app.js': app, 'index.html': html, 'pow-worker.js': worker, 'style.css': css, ...translations };
}

/** Writes the template for servers to fill (scripts/build.mjs: dist/page-template/). */
export async function writePageTemplate(dir: string): Promise<void> {
  await writePageFiles(dir, await buildPageTemplate());
}

/** Builds the whole page for `editorsKeyList` into `outDir`: the same bytes a server with that
 * key list serves (server/site.ts fills the template built by scripts/build.mjs). */
export async function buildSubmitPage(options: BuildSubmitPageOptions): Promise<BuiltSubmitPage> {
  const page = fillPageTemplate(await buildPageTemplate(options), options.editorsKeyList);
  await writePageFiles(options.outDir, page.files);
  return { files: Object.keys(page.files).sort(), manifest: page.manifest };
}
