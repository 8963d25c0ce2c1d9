// Building the submit page at start, with the configured editors' key list embedded
// (submit-client/build.ts). The one place the server knows where the page comes from.

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubmitPage, type BuildSubmitPageOptions } from '../submit-client/build.ts';

/** Marks a directory as ours, so a mistyped SOTTO_SITE_DIR is never emptied. */
const MARKER = '.sotto-site';

/** Rebuilds the page into `outDir` from scratch (a stale file from an older build must not be
 * served). Throws if `outDir` holds files but is not a directory this function made. */
export async function buildSite(outDir: string, page: Omit<BuildSubmitPageOptions, 'outDir'>): Promise<void> {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!existsSync(path.join(outDir, MARKER))) throw new Error(`${outDir} is not empty and was not made by Sotto; refusing to overwrite it`);
    rmSync(outDir, { recursive: true });
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, MARKER), '');
  await buildSubmitPage({ ...page, outDir });
}
