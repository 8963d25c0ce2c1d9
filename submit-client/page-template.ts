// The submit page in two steps, so the running server needs no bundler:
//   1. at build time (submit-client/build.ts, esbuild, run by scripts/build.mjs into
//      dist/page-template/) everything that does not depend on the editors' keys;
//   2. at start (server/site.ts) fillPageTemplate() writes the keys into app.js, the fingerprint
//      and editor count into index.html, then the SRI hash of app.js and the manifest.
// Step 2 is plain string work: the same template and key list give the same bytes, so a page
// built with submit-client/build-cli.ts can be compared with what a server serves.

import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { b64uEncode, concatBytes } from '../crypto/bytes.ts';
import { keySetFingerprint, parseKeyList } from '../crypto/public-key.ts';

/** File name ("app.js", "i18n/en.json") → content. app.js and index.html still hold the slots below. */
export type PageTemplate = Readonly<Record<string, string>>;

export interface FilledPage {
  /** Every served file plus manifest.json. */
  files: Record<string, string>;
  /** File name → hex SHA-256, for every served file except manifest.json itself. */
  manifest: Record<string, string>;
}

/** What app.js holds where the keys go: the string literal esbuild writes for this define. */
export const EDITOR_KEYS_DEFINE = JSON.stringify('{{editorKeys}}');
/** The editor count inside index.html's data-i18n-values JSON (a string there until filled). */
export const EDITOR_COUNT_IN_JSON = JSON.stringify('{{editorCount}}');

export function sri(content: string): string {
  return `sha384-${createHash('sha384').update(content).digest('base64')}`;
}

/** Fills a template's `{{slots}}`; those `keep` names are left for a later pass. */
export function fillSlots(template: string, slots: Record<string, string>, keep: (name: string) => boolean = () => false): string {
  return template.replace(/\{\{([\w:.-]+)\}\}/g, (whole, name: string) => {
    if (keep(name)) return whole;
    const value = slots[name];
    if (value === undefined) throw new Error(`page template: no value for {{${name}}}`);
    return value;
  });
}

function replaceOnce(text: string, placeholder: string, value: string, file: string): string {
  const parts = text.split(placeholder);
  if (parts.length !== 2) throw new Error(`page template: ${file} must hold ${placeholder} exactly once`);
  return parts.join(value);
}

/** The served page for `editorsKeyList` (docs/API.md). Throws FormatError for an invalid list. */
export function fillPageTemplate(template: PageTemplate, editorsKeyList: string): FilledPage {
  const keys = parseKeyList(editorsKeyList);
  const app = replaceOnce(template['app.js'] ?? '', EDITOR_KEYS_DEFINE, JSON.stringify(keys.map((key) => b64uEncode(concatBytes(key.x25519, key.ed25519)))), 'app.js');
  // At most 16 editors: the count reads the same in every locale, so no number formatting.
  const count = String(keys.length);
  const html = fillSlots(replaceOnce(template['index.html'] ?? '', EDITOR_COUNT_IN_JSON, count, 'index.html'), {
    fingerprint: keySetFingerprint(keys),
    editorCount: count,
    'integrity:app.js': sri(app),
  });
  const served: Record<string, string> = { ...template, 'app.js': app, 'index.html': html };
  const manifest: Record<string, string> = {};
  for (const name of Object.keys(served).sort()) manifest[name] = createHash('sha256').update(served[name]!).digest('hex');
  return { files: { ...served, 'manifest.json': `${JSON.stringify(manifest, null, 2)}\n` }, manifest };
}

/** Writes `files` (names may hold one directory level, as "i18n/en.json") under `dir`. */
export async function writePageFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  await mkdir(path.join(dir, 'i18n'), { recursive: true });
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(path.join(dir, name), content)));
}

/** Reads a template written by writePageFiles. */
export async function readPageTemplate(dir: string): Promise<PageTemplate> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const names = entries.filter((entry) => entry.isFile()).map((entry) => path.posix.join(path.relative(dir, entry.parentPath).split(path.sep).join('/'), entry.name));
  const template: Record<string, string> = {};
  for (const name of names.sort()) template[name] = await readFile(path.join(dir, name), 'utf8');
  return template;
}
