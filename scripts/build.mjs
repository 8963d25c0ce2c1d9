#!/usr/bin/env node
// Builds into dist/ with esbuild: the reviewer CLI, the server, and the submit page's template
// (submit-client/page-template.ts: everything but the editors' keys, which the server writes in
// at start). Runs on `npm install` (prepare), before `npm start`, `npm test` and `npm run bench`.
// esbuild is a dev dependency: an install without it (npm ci --omit=dev) runs what a full install
// built before, and says so if that is missing.
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const quiet = process.argv.includes('--quiet');
const dist = (name) => path.join(root, 'dist', name);

const entries = [
  { in: 'reviewer-cli/main.ts', out: 'sotto-review.mjs' },
  { in: 'server/main.ts', out: 'server.mjs' },
  // The database thread (server/store-threaded.ts loads it beside dist/server.mjs).
  { in: 'server/store-worker.ts', out: 'store-worker.mjs' },
];
/** The page's builder, bundled only to be run here; it finds the sources from dist/'s parent. */
const PAGE_BUILDER = { in: 'submit-client/build.ts', out: 'page-builder.mjs' };
const PAGE_TEMPLATE = dist('page-template');
/** The same with the demo warning, for a server without configured editors. */
const PAGE_TEMPLATE_DEMO = dist('page-template-demo');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  const built = [...entries.map((entry) => dist(entry.out)), PAGE_TEMPLATE].every((file) => existsSync(file));
  if (built) process.exit(0);
  console.error('build: esbuild is missing and dist/ is incomplete; run `npm install` with dev dependencies');
  process.exit(1);
}

async function bundle(entry, options = {}) {
  const input = path.join(root, entry.in);
  if (!existsSync(input)) return false;
  await esbuild.build({
    entryPoints: [input],
    outfile: dist(entry.out),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: quiet ? 'warning' : 'info',
    ...options,
  });
  return true;
}

for (const entry of entries) await bundle(entry, { sourcemap: 'linked' });

if (await bundle(PAGE_BUILDER)) {
  const { writePageTemplate } = await import(pathToFileURL(dist(PAGE_BUILDER.out)).href);
  rmSync(PAGE_TEMPLATE, { recursive: true, force: true });
  rmSync(PAGE_TEMPLATE_DEMO, { recursive: true, force: true });
  await writePageTemplate(PAGE_TEMPLATE);
  await writePageTemplate(PAGE_TEMPLATE_DEMO, { demo: true });
  if (!quiet) console.log(`  dist/page-template/ and dist/page-template-demo/ (the submit page without the editors' keys)`);
}
