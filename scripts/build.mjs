#!/usr/bin/env node
// Builds the Node entry points into dist/ with esbuild: the reviewer CLI and the server.
// Runs on `npm install` (prepare), before `npm start`, `npm test` and `npm run bench`.
// The submit page is built separately by the server at start, because it embeds the
// editors' key list (see submit-client/build.ts).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const quiet = process.argv.includes('--quiet');

const entries = [
  { in: 'reviewer-cli/main.ts', out: 'dist/sotto-review.mjs' },
  { in: 'server/main.ts', out: 'dist/server.mjs' },
  // The database thread (server/store-threaded.ts loads it beside dist/server.mjs).
  { in: 'server/store-worker.ts', out: 'dist/store-worker.mjs' },
];

for (const entry of entries) {
  const input = path.join(root, entry.in);
  if (!existsSync(input)) continue;
  await build({
    entryPoints: [input],
    outfile: path.join(root, entry.out),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: quiet ? 'warning' : 'info',
  });
}
