// Submit-page benchmark: bytes the page loads, and in Chromium and in Firefox with Tor
// Browser "Safer"-like prefs (no WebAssembly, no JIT) the time to encrypt a 16 KiB and a 1 MiB
// story and to solve proof-of-work challenges in the page's own worker.
// Run alone: `node --import tsx bench/page.ts` (`--weight`: bytes only, no browsers);
// `npm run bench` calls runPageBench().

import { build } from 'esbuild';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { b64uEncode } from '../crypto/bytes.ts';
import { generateIdentity, publicKeyLineOf } from '../crypto/identity.ts';
import { buildSubmitPage } from '../submit-client/build.ts';
import { startServer } from '../test/server/server-process.ts';
import { launchBrowser, type BrowserKind } from '../test/browser/_harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EDITORS = 3;
const SEAL_RUNS = 7;
const POW_RUNS = 9;
const POW_DIFFICULTIES = [12, 14, 16];
/** The target: the base difficulty is solved in a median of at most this in Firefox Safer. */
const POW_TARGET_MS = 3000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** What the page runs to seal a story, exposed for timing: encodeTestimony + sealEnvelope + b64u. */
async function sealProbeSource(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `
        import { b64uDecode, b64uEncode } from './crypto/bytes.ts';
        import { sealEnvelope } from './crypto/envelope-noble.ts';
        import { encodeTestimony } from './crypto/testimony-encode.ts';
        // A story of \`bytes\` UTF-8 bytes when the schema allows one (at most 200,000 characters);
        // beyond that, a raw payload of that size (sealing is what dominates).
        globalThis.sottoSealMs = (bytes, keys, replyKey) => {
          const recipients = keys.map(b64uDecode);
          const story = bytes <= 400000 ? 'а'.repeat(Math.floor(bytes / 2)) : null;
          const raw = story === null ? new Uint8Array(bytes).fill(0x61) : null;
          const start = performance.now();
          const payload = story === null ? raw : encodeTestimony({ v: 1, story, language: 'ru', consent: true, replyKey });
          b64uEncode(sealEnvelope(payload, recipients));
          return performance.now() - start;
        };
        // The page's own worker, on random challenges shaped like the server's (about 180 characters).
        const solveOnce = (challenge, difficulty) => new Promise((resolve, reject) => {
          const worker = new Worker('pow-worker.js');
          const start = performance.now();
          worker.onerror = reject;
          worker.onmessage = (event) => {
            if (event.data.type !== 'done') return;
            worker.terminate();
            resolve({ ms: performance.now() - start, attempts: Number(event.data.nonce) + 1 });
          };
          worker.postMessage({ challenge, difficulty });
        });
        globalThis.sottoSolveRuns = async (difficulty, count) => {
          const runs = [];
          for (let i = 0; i < count; i++) runs.push(await solveOnce(b64uEncode(crypto.getRandomValues(new Uint8Array(135))), difficulty));
          return runs;
        };`,
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

async function measureBrowser(kind: BrowserKind, origin: string, keys: string[], probe: string): Promise<void> {
  const launched = await launchBrowser(kind);
  try {
    const page = await launched.browser.newPage();
    await page.goto(`${origin}/`);
    await page.evaluate(probe);
    const replyKey = b64uEncode(new Uint8Array(32).fill(9));
    const label = kind === 'firefox' ? 'Firefox ESR, Safer prefs' : 'Chromium';
    for (const [size, what] of [[16 * 1024, 'story (Cyrillic)'], [400_000, 'story (200,000 Cyrillic characters, the longest allowed)'], [1024 * 1024, 'payload (the 1 MiB maximum)']] as const) {
      const times = await page.evaluate((n: number, k: string[], r: string, runs: number) => {
        const seal = (globalThis as unknown as { sottoSealMs: (n: number, k: string[], r: string) => number }).sottoSealMs;
        return Array.from({ length: runs }, () => seal(n, k, r));
      }, size, keys, replyKey, SEAL_RUNS);
      console.log(`  ${label}: encrypt a ${kb(size)} ${what} for ${EDITORS} editors: median ${median(times).toFixed(1)} ms`);
    }
    let rate = 0;
    for (const difficulty of POW_DIFFICULTIES) {
      const runs = await page.evaluate((d: number, count: number) =>
        (globalThis as unknown as { sottoSolveRuns: (d: number, n: number) => Promise<{ ms: number; attempts: number }[]> }).sottoSolveRuns(d, count),
        difficulty, POW_RUNS);
      const totalMs = runs.reduce((s, r) => s + r.ms, 0);
      rate = runs.reduce((s, r) => s + r.attempts, 0) / (totalMs / 1000);
      console.log(`  ${label}: proof of work, difficulty ${difficulty}: median ${median(runs.map((r) => r.ms)).toFixed(0)} ms over ${POW_RUNS} runs (${Math.round(rate)} hashes/s)`);
    }
    // The median of a geometric distribution is about ln 2 · 2^d attempts.
    const best = Math.floor(Math.log2(((POW_TARGET_MS / 1000) * rate) / Math.LN2));
    console.log(`  ${label}: highest difficulty with a predicted median ≤ ${POW_TARGET_MS / 1000} s: ${best} (median ≈ ${((Math.LN2 * 2 ** best) / rate).toFixed(2)} s)`);
  } finally {
    await launched.close();
  }
}

/** What one visitor's browser loads: the page, its style, script and worker, and the one
 * translation file for a language other than Russian (Russian is pre-rendered in index.html, and
 * app.js carries only its messages that are not there word for word). manifest.json
 * is for editors, never loaded by the page. test/browser checks that these are the page's only
 * requests. */
const PAGE_FILES = ['index.html', 'style.css', 'app.js', 'pow-worker.js'];
const TARGET_GZIP = 30 * 1024;

async function printWeight(dir: string, manifest: Record<string, string>): Promise<void> {
  const sizes = new Map<string, { raw: number; gzip: number }>();
  for (const name of Object.keys(manifest).sort()) {
    const bytes = await readFile(path.join(dir, name));
    sizes.set(name, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  const row = (name: string, raw: number, gzip: number, note = ''): void =>
    console.log(`  ${name.padEnd(22)} ${String(raw).padStart(7)} B raw ${String(gzip).padStart(7)} B gzip${note}`);
  console.log('submit page: files (gzip -9)');
  for (const [name, size] of sizes) row(name, size.raw, size.gzip);
  console.log('submit page: what one visitor loads, by page language');
  const translations = [...sizes.keys()].filter((name) => name.startsWith('i18n/'));
  let worst = 0;
  for (const extra of [null, ...translations]) {
    const files = extra ? [...PAGE_FILES, extra] : PAGE_FILES;
    const raw = files.reduce((sum, name) => sum + sizes.get(name)!.raw, 0);
    const gzip = files.reduce((sum, name) => sum + sizes.get(name)!.gzip, 0);
    worst = Math.max(worst, gzip);
    row(extra ? `total, ${extra.slice(5, -5)}` : 'total, ru (no fetch)', raw, gzip, ` (${kb(raw)} / ${kb(gzip)})`);
  }
  console.log(`  heaviest visitor: ${kb(worst)} gzip; target ≤ ${kb(TARGET_GZIP)} gzip: ${worst <= TARGET_GZIP ? 'met' : 'NOT met'}`);
}

/** `weightOnly`: print the bytes loaded and stop (no browsers). */
export async function runPageBench(options: { weightOnly?: boolean } = {}): Promise<void> {
  const editors = Array.from({ length: EDITORS }, generateIdentity);
  const keyList = editors.map((e) => publicKeyLineOf(e)).join('\n');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sotto-bench-page-'));
  try {
    const { manifest } = await buildSubmitPage({ editorsKeyList: keyList, outDir: dir });
    await printWeight(dir, manifest);
    if (options.weightOnly) return;

    // The real server serves the page (it builds its own copy from the same key list).
    await writeFile(path.join(dir, 'editors.pub'), keyList);
    const server = await startServer({ SOTTO_DATA_DIR: path.join(dir, 'data'), SOTTO_EDITORS: path.join(dir, 'editors.pub'), SOTTO_POW_DIFFICULTY: '8' });
    try {
      const keys = editors.map((e) => b64uEncode(e.x25519.publicKey));
      const probe = await sealProbeSource();
      for (const kind of ['chromium', 'firefox'] as const) await measureBrowser(kind, server.url, keys, probe);
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runPageBench({ weightOnly: process.argv.includes('--weight') });
