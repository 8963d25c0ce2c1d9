// The project's import graph and the layer rules it must keep (docs/ARCHITECTURE.md "Layers").
// Imports are read with TypeScript's own pre-processor (static imports, re-exports, dynamic
// import() and import type alike), so the check sees what the compiler and the bundler see.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** A module, by its path from the repository root ("server/main.ts"), and what it imports:
 * other modules by path, and packages by name ("hono", "node:fs"). */
export interface ModuleImports {
  file: string;
  modules: string[];
  packages: string[];
}

export type ImportGraph = ReadonlyMap<string, ModuleImports>;

const SOURCE_FOLDERS = ['crypto', 'node-lib', 'server', 'submit-client', 'reviewer-cli', 'places', 'test', 'bench', 'scripts'];
const SOURCE = /\.(ts|mts|mjs)$/;

function sourceFiles(root: string, folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.mts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.includes('/data/'));
}

/** The package name of a bare specifier: "@noble/hashes/blake2.js" → "@noble/hashes". */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function readImportGraph(root: string): ImportGraph {
  const graph = new Map<string, ModuleImports>();
  for (const file of SOURCE_FOLDERS.flatMap((folder) => sourceFiles(root, folder))) {
    const info = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
    const modules: string[] = [];
    const packages: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.')) modules.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName)));
      else packages.push(packageOf(fileName));
    }
    graph.set(file, { file, modules: [...new Set(modules)], packages: [...new Set(packages)] });
  }
  return graph;
}

const folderOf = (file: string): string => file.split('/')[0]!;
const isTestCode = (file: string): boolean => /\.test\.ts$|\.stress\.ts$/.test(file) || ['test', 'bench'].includes(folderOf(file));
/** A library's internals: `_`-prefixed modules of shipped code. (Under test/, a `_` prefix only
 * keeps a helper from being collected as a test file.) */
const isInternal = (file: string): boolean => path.posix.basename(file).startsWith('_') && !isTestCode(file);

/** Every module `entry` loads, itself included. */
export function closureOf(graph: ImportGraph, entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...(graph.get(file)?.modules ?? []));
  }
  return seen;
}

/** What the running server must never load: it holds no key that opens anything. */
const SERVER_FORBIDDEN_MODULES = ['crypto/envelope-sodium.ts', 'crypto/key-file.ts', 'crypto/sodium.ts'];
const SERVER_FORBIDDEN_PACKAGES = ['libsodium-wrappers-sumo'];

/**
 * The layer rules, as one message per violation (empty: all kept):
 * - crypto/ imports nothing from another folder (it runs in the page and in Node alike), and
 *   node-lib/ imports only crypto/ (it is shared by the server and the CLI) — tests aside;
 * - the server's code (everything server/main.ts loads) never loads an opener, key-file
 *   decryption or libsodium, and loads no package outside `runtimePackages` (package.json's
 *   dependencies) and Node's own;
 * - submit-client/ and reviewer-cli/ never import server/;
 * - a `_`-prefixed module of shipped code is imported only from its own folder and below (a
 *   library's internals: its own tests may use them, nobody else);
 * - code that ships never imports test/ or bench/;
 * - no import cycles.
 */
export function layerViolations(graph: ImportGraph, runtimePackages: readonly string[], serverEntry = 'server/main.ts'): string[] {
  const violations: string[] = [];
  for (const { file, modules } of graph.values()) {
    const from = folderOf(file);
    const shipped = !isTestCode(file);
    for (const target of modules) {
      const to = folderOf(target);
      if (shipped && from === 'crypto' && to !== 'crypto') violations.push(`${file} imports ${target}: crypto/ imports nothing from other folders`);
      if (shipped && from === 'node-lib' && !['node-lib', 'crypto'].includes(to)) violations.push(`${file} imports ${target}: node-lib/ may import crypto/ only`);
      if ((from === 'submit-client' || from === 'reviewer-cli') && to === 'server') violations.push(`${file} imports ${target}: ${from}/ never imports server/`);
      if (isInternal(target) && !file.startsWith(`${path.posix.dirname(target)}/`)) {
        violations.push(`${file} imports ${target}: a _-prefixed module is internal to its folder`);
      }
      if (shipped && (to === 'test' || to === 'bench')) violations.push(`${file} imports ${target}: shipped code never imports test code`);
    }
  }
  if (graph.has(serverEntry)) {
    for (const file of closureOf(graph, serverEntry)) {
      if (SERVER_FORBIDDEN_MODULES.includes(file)) violations.push(`${serverEntry} loads ${file}: the server never opens envelopes or key files`);
      for (const name of graph.get(file)?.packages ?? []) {
        if (SERVER_FORBIDDEN_PACKAGES.includes(name)) violations.push(`${serverEntry} loads ${name} (through ${file}): the server never loads libsodium`);
        else if (!name.startsWith('node:') && !runtimePackages.includes(name)) violations.push(`${serverEntry} loads ${name} (through ${file}), which is not a runtime dependency`);
      }
    }
  }
  for (const cycle of importCycles(graph)) violations.push(`import cycle: ${cycle.join(' → ')}`);
  return violations;
}

/** Each import cycle once, as the list of its modules with the first repeated at the end. */
export function importCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file)?.modules ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}
