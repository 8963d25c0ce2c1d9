// The submit page as this server serves it: the template built at install time
// (scripts/build.mjs → dist/page-template/) with the configured editors' keys written in
// (submit-client/page-template.ts). No bundler at start: the page's sources are not needed.

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillPageTemplate, readPageTemplate, writePageFiles } from '../submit-client/page-template.ts';

/** The repository root is the parent of this module's directory, for server/site.ts as for the
 * bundle dist/server.mjs. */
export const PAGE_TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'page-template');

/** Marks a directory as ours, so a mistyped SOTTO_SITE_DIR is never emptied. */
const MARKER = '.sotto-site';

/** Rebuilds the page into `outDir` from scratch (a stale file from an older build must not be
 * served). Throws if the template was never built, or if `outDir` holds files but is not a
 * directory this function made. */
export async function buildSite(editorsKeyList: string, outDir: string, templateDir = PAGE_TEMPLATE_DIR): Promise<void> {
  if (!existsSync(path.join(templateDir, 'index.html'))) throw new Error(`the submit page is not built (${templateDir}); run \`npm run build\``);
  const page = fillPageTemplate(await readPageTemplate(templateDir), editorsKeyList);
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!existsSync(path.join(outDir, MARKER))) throw new Error(`${outDir} is not empty and was not made by Sotto; refusing to overwrite it`);
    rmSync(outDir, { recursive: true });
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, MARKER), '');
  await writePageFiles(outDir, page.files);
}
