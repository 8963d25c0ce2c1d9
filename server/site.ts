// The submit page as this server serves it: the template built at install time
// (scripts/build.mjs → dist/page-template/) with the configured editors' keys written in
// (submit-client/page-template.ts). No bundler at start: the page's sources are not needed.

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillPageTemplate, readPageTemplate, writePageFiles, type FillOptions } from '../submit-client/page-template.ts';

/** The repository root is the parent of this module's directory, for server/site.ts as for the
 * bundle dist/server.mjs. */
export const PAGE_TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'page-template');
/** The template with the demo warning (SECURITY.md §5), for a server in demo mode. */
export const DEMO_PAGE_TEMPLATE_DIR = `${PAGE_TEMPLATE_DIR}-demo`;

export interface SiteOptions extends FillOptions {
  /** Where the built template is (default: the one for `demo`, under dist/). */
  templateDir?: string;
  demo?: boolean;
}

/** Marks a directory as ours, so a mistyped SOTTO_SITE_DIR is never emptied. */
const MARKER = '.sotto-site';

/** Rebuilds the page into `outDir` from scratch (a stale file from an older build must not be
 * served). Throws if the template was never built, or if `outDir` holds files but is not a
 * directory this function made. */
export async function buildSite(editorsKeyList: string, outDir: string, options: SiteOptions = {}): Promise<void> {
  const templateDir = options.templateDir ?? (options.demo ? DEMO_PAGE_TEMPLATE_DIR : PAGE_TEMPLATE_DIR);
  if (!existsSync(path.join(templateDir, 'index.html'))) throw new Error(`the submit page is not built (${templateDir}); run \`npm run build\``);
  const page = fillPageTemplate(await readPageTemplate(templateDir), editorsKeyList, options);
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!existsSync(path.join(outDir, MARKER))) throw new Error(`${outDir} is not empty and was not made by Sotto; refusing to overwrite it`);
    rmSync(outDir, { recursive: true });
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, MARKER), '');
  await writePageFiles(outDir, page.files);
}
