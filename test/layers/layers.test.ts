// The layer rules of docs/ARCHITECTURE.md, held by a test: the repository's own import graph must
// keep them, and the checker must catch each kind of violation (shown on small made-up graphs).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layerViolations, readImportGraph, type ImportGraph, type ModuleImports } from './import-graph.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runtimePackages = Object.keys(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies);

function graphOf(modules: Record<string, { modules?: string[]; packages?: string[] }>): ImportGraph {
  return new Map(Object.entries(modules).map(([file, m]): [string, ModuleImports] => [file, { file, modules: m.modules ?? [], packages: m.packages ?? [] }]));
}

describe('layers', () => {
  it('the repository keeps every rule', () => {
    const graph = readImportGraph(root);
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('server/main.ts')?.modules.length).toBeGreaterThan(3);
    expect(layerViolations(graph, runtimePackages)).toEqual([]);
  });

  it('finds crypto/ importing another folder, and node-lib/ importing beyond crypto/', () => {
    const graph = graphOf({
      'crypto/a.ts': { modules: ['server/x.ts'] },
      'node-lib/b.ts': { modules: ['crypto/a.ts', 'reviewer-cli/y.ts'] },
      'server/x.ts': {},
      'reviewer-cli/y.ts': {},
    });
    expect(layerViolations(graph, [])).toEqual([
      'crypto/a.ts imports server/x.ts: crypto/ imports nothing from other folders',
      'node-lib/b.ts imports reviewer-cli/y.ts: node-lib/ may import crypto/ only',
    ]);
  });

  it('finds the server loading an opener, a key file, libsodium or a dev dependency, even indirectly', () => {
    const graph = graphOf({
      'server/main.ts': { modules: ['server/demo.ts'], packages: ['hono', 'node:fs'] },
      'server/demo.ts': { modules: ['crypto/key-file.ts'], packages: ['esbuild'] },
      'crypto/key-file.ts': { modules: ['crypto/sodium.ts'] },
      'crypto/sodium.ts': { packages: ['libsodium-wrappers-sumo'] },
    });
    expect(layerViolations(graph, ['hono'])).toEqual([
      'server/main.ts loads esbuild (through server/demo.ts), which is not a runtime dependency',
      'server/main.ts loads crypto/key-file.ts: the server never opens envelopes or key files',
      'server/main.ts loads crypto/sodium.ts: the server never opens envelopes or key files',
      'server/main.ts loads libsodium-wrappers-sumo (through crypto/sodium.ts): the server never loads libsodium',
    ]);
  });

  it('finds the page or the CLI importing server/, internals from outside, shipped code importing tests, and cycles', () => {
    const graph = graphOf({
      'submit-client/a.ts': { modules: ['server/limits.ts'] },
      'reviewer-cli/b.ts': { modules: ['places/_gazetteer.ts', 'test/support/bytes.ts'] },
      'places/_gazetteer.ts': { modules: ['places/index.ts'] },
      'places/index.ts': { modules: ['places/_gazetteer.ts'] },
      'bench/c.ts': { modules: ['test/support/bytes.ts'] },
      'server/limits.ts': {},
      'test/support/bytes.ts': {},
    });
    expect(layerViolations(graph, [])).toEqual([
      'submit-client/a.ts imports server/limits.ts: submit-client/ never imports server/',
      'reviewer-cli/b.ts imports places/_gazetteer.ts: a _-prefixed module is internal to its folder',
      'reviewer-cli/b.ts imports test/support/bytes.ts: shipped code never imports test code',
      'import cycle: places/_gazetteer.ts → places/index.ts → places/_gazetteer.ts',
    ]);
  });
});
