// What `npm start` runs (dist/server.mjs, built by scripts/build.mjs) carries and loads only
// runtime dependencies: no devDependency (esbuild, tsx…), no libsodium, nothing that unlocks a key
// file or opens an envelope (SECURITY.md §8). Checked three ways: the bundle's imports, the
// sources esbuild put in it (its source map), and every module the running process loads
// (test/support/record-loads.mjs), in demo mode so that making the demo key is covered too.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './server-process.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE = path.join(ROOT, 'dist/server.mjs');
/** The database thread's bundle, which dist/server.mjs starts (server/store-threaded.ts). */
const WORKER_BUNDLE = path.join(ROOT, 'dist/store-worker.mjs');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const RUNTIME = Object.keys(manifest.dependencies).filter((name) => !name.startsWith('libsodium'));
/** Every package a production install holds (package-lock.json marks the others "dev"),
 * libsodium aside. */
const RUNTIME_CLOSURE = new Set(
  Object.entries((JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> }).packages)
    .filter(([where, entry]) => where.startsWith('node_modules/') && !entry.dev)
    .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length))
    .filter((name) => !name.startsWith('libsodium')),
);
/** Sources that must never be in the server: the openers, libsodium's loader, the page builder. */
const FORBIDDEN_SOURCES = ['crypto/key-file.ts', 'crypto/sodium.ts', 'crypto/envelope-sodium.ts', 'submit-client/build.ts'];

/** "@scope/name/sub" or "name/sub" → the package name. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

beforeAll(() => {
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  expect(built.status).toBe(0);
});

describe('dist/server.mjs', () => {
  it('imports only node built-ins and runtime dependencies, and no libsodium', () => {
    const code = readFileSync(BUNDLE, 'utf8') + readFileSync(WORKER_BUNDLE, 'utf8');
    const specifiers = [
      ...code.matchAll(/^\s*import\s[^'"]*?["']([^"']+)["'];?$/gm),
      ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
      ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
    ].map((match) => match[1]!);
    expect(specifiers.length).toBeGreaterThan(10);
    expect(specifiers.filter((s) => s.startsWith('.'))).toEqual([]);
    const packages = [...new Set(specifiers.filter((s) => !isBuiltin(s)).map(packageOf))].sort();
    expect(packages.filter((name) => !RUNTIME.includes(name))).toEqual([]);
    expect(packages).toEqual(expect.arrayContaining(['hono', 'better-sqlite3', '@noble/hashes']));
  });

  it('holds no opener, no libsodium loader and no page builder', () => {
    const sources = (JSON.parse(readFileSync(`${BUNDLE}.map`, 'utf8')) as { sources: string[] }).sources.map((s) => path.relative(ROOT, path.resolve(path.dirname(BUNDLE), s)));
    expect(sources).toEqual(expect.arrayContaining(['server/main.ts', 'crypto/key-file-noble.ts', 'submit-client/page-template.ts']));
    expect(sources.filter((s) => FORBIDDEN_SOURCES.includes(s) || s.startsWith('reviewer-cli/') || s.includes('node_modules'))).toEqual([]);
  });

  describe('running', () => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'sotto-dist-'));
    const loadsFile = path.join(data, 'loads.txt');
    afterAll(() => rmSync(data, { recursive: true, force: true }));

    it('loads only runtime dependencies while it makes a demo key, builds the page and serves', async () => {
      const server = await startServer(
        { SOTTO_DATA_DIR: path.join(data, 'server'), SOTTO_RECORD_LOADS: loadsFile },
        { entry: 'dist', nodeArgs: ['--import', path.join(ROOT, 'test/support/record-loads.mjs')] },
      );
      try {
        expect(server.output()).toContain('DEMO MODE');
        const page = await fetch(`${server.url}/`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('integrity="sha384-');
      } finally {
        expect(await server.stop()).toBe(0);
      }
      const loaded = [...new Set(readFileSync(loadsFile, 'utf8').split('\n').filter(Boolean))]
        .filter((entry) => !entry.startsWith('node:'))
        .map((entry) => (entry.startsWith('file:') ? fileURLToPath(entry) : entry));
      const ours = loaded.filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`) && !file.includes('record-loads'));
      expect(ours.sort()).toEqual([BUNDLE, WORKER_BUNDLE]);
      const packages = [...new Set(loaded
        .map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1])
        .filter((name): name is string => name !== undefined))].sort();
      expect(packages).toEqual(expect.arrayContaining(['better-sqlite3', 'hono', '@noble/hashes']));
      expect(packages.filter((name) => !RUNTIME_CLOSURE.has(name))).toEqual([]);
    }, 120_000);
  });
});
