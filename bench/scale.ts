// Scale benchmark (issue 11): a store filled with 10,000, then 50,000, then 200,000 stored 16 KiB
// envelopes (inserted directly through SqliteStore for speed), served by the real server process,
// and pulled in full the way `sotto-review pull` does (signed inbox pages of INBOX_PAGE_MAX, each
// decoded, then acknowledged, which erases it: one editor). Meanwhile two probes each send a cheap
// request every 50 ms, one answered by the event loop (GET /config), one by the store's thread
// (a receipt status), and the server's upkeep (returning freed pages, the relayout sweep) runs as
// in production, also for 20 s after the pull. Prints:
//   pull_per_s_10k= pull_per_s_50k= pull_per_s_200k=  envelopes pulled and acknowledged per second
//   max_stall_ms=                     the longest any probe request waited, over every run
//   maintenance_peak_rss_mb=          the server's peak resident memory, over every run
//   shutdown_ms=                      SIGTERM to exit after the largest pull
//   growth=                           per-envelope slowdown from the smallest to the largest
// and the load average beside each run (the machine may be shared: figures are wall-clock).
// Targets: 200k pulled in ≤ 10 min (≥ 333/s) with linear growth, no wait > 1 s, ≤ 256 MiB.
// Takes ten minutes or more and ~4 GB of disk. Run alone: node --import tsx bench/scale.ts
// (SOTTO_BENCH_SCALE=5000,20000 for a quick look at smaller sizes).

import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { INBOX_PAGE_MAX } from '../crypto/contract.ts';
import { b64uDecodeNative } from '../node-lib/b64u-native.ts';
import { SqliteStore } from '../server/store-sqlite.ts';
import { keyListOf, makeEditors, signed, tempDir, type TestEditor } from '../test/support/server.ts';
import { spawnServer } from './server.ts';

const ENVELOPE_BYTES = 16 * 1024;
const FILL_BATCH = 500;
const PAGE = INBOX_PAGE_MAX;
const PROBE_EVERY_MS = 50;
const DAYS = 30;

interface ScaleRun {
  stored: number;
  fillS: number;
  pullS: number;
  perS: number;
  maxStallMs: { eventLoop: number; store: number };
  longestPullRequestMs: number;
  load: string;
  idleRssMb: number;
  peakRssMb: number;
  shutdownMs: number;
  fileMbBefore: number;
  fileMbAfter: number;
}

function sizes(): number[] {
  const configured = process.env.SOTTO_BENCH_SCALE;
  return configured ? configured.split(',').map(Number) : [10_000, 50_000, 200_000];
}

async function fill(file: string, editor: TestEditor, count: number): Promise<number> {
  const started = performance.now();
  const store = new SqliteStore(file, [editor.keyIdHex]);
  for (let done = 0; done < count; done += FILL_BATCH) {
    const batch = Array.from({ length: Math.min(FILL_BATCH, count - done) }, (_, i) => ({
      envelope: randomBytes(ENVELOPE_BYTES),
      verifier: randomBytes(32),
      day: `2026-10-${String(1 + ((done + i) % DAYS)).padStart(2, '0')}`,
    }));
    await store.insertBatch(batch);
  }
  await store.close();
  return (performance.now() - started) / 1000;
}

/** Resident memory of a process now (Linux). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Samples a process's resident memory every 100 ms; stop() resolves with the highest. (Its
 * high-water mark since start would include the page build at start-up, not the upkeep.) */
function sampleRss(pid: number): { stop: () => number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
  };
}

/** Pulls and acknowledges everything, as `sotto-review pull` does. Returns the envelopes seen
 * and the longest any of its own requests took (a page's transfer included). */
async function pullAll(url: string, editor: TestEditor): Promise<{ pulled: number; longestMs: number }> {
  let after: string | null = null;
  let pulled = 0;
  let longestMs = 0;
  const timed = async (pathAndQuery: string, init: RequestInit): Promise<Response> => {
    const started = performance.now();
    const response = await fetch(url + pathAndQuery, init);
    const body = new Response(await response.arrayBuffer(), { status: response.status });
    longestMs = Math.max(longestMs, performance.now() - started);
    return body;
  };
  for (;;) {
    const pathAndQuery: string = `/api/v1/inbox?limit=${PAGE}${after ? `&after=${after}` : ''}`;
    const response = await timed(pathAndQuery, signed(editor, 'GET', pathAndQuery));
    if (response.status !== 200) throw new Error(`inbox answered ${response.status}`);
    const page = (await response.json()) as { items: { id: string; envelope: string }[]; next: string | null };
    for (const item of page.items) if (b64uDecodeNative(item.envelope).length !== ENVELOPE_BYTES) throw new Error('envelope damaged');
    if (page.items.length > 0) {
      const body = { ids: page.items.map((item) => item.id) };
      const ack = await timed('/api/v1/inbox/ack', signed(editor, 'POST', '/api/v1/inbox/ack', body));
      if (ack.status !== 200) throw new Error(`ack answered ${ack.status}`);
    }
    pulled += page.items.length;
    if (page.items.length === 0 || page.next === null) return { pulled, longestMs };
    after = page.next;
  }
}

/** Every PROBE_EVERY_MS, one at a time, from its own thread (so that this process decoding pages
 * does not count as the server making it wait): a request the event loop answers alone, and one
 * that waits its turn on the store's thread (the status of an unknown receipt). stop() resolves
 * with the longest time each kind waited. */
function probe(url: string): { stop: () => Promise<{ eventLoop: number; store: number }> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
    const { randomBytes } = require('node:crypto');
    let running = true;
    const longest = { eventLoop: 0, store: 0 };
    parentPort.on('message', () => (running = false));
    const timed = async (kind, path, init) => {
      const started = performance.now();
      const response = await fetch(workerData.url + path, init);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(path + ' answered ' + response.status);
      longest[kind] = Math.max(longest[kind], performance.now() - started);
    };
    (async () => {
      while (running) {
        await timed('eventLoop', '/api/v1/config');
        const token = randomBytes(32).toString('base64url');
        await timed('store', '/api/v1/receipts/status', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token, action: 'status' }) });
        await new Promise((resolve) => setTimeout(resolve, workerData.everyMs));
      }
      parentPort.postMessage(longest);
    })();`,
    { eval: true, workerData: { url, everyMs: PROBE_EVERY_MS } },
  );
  const longest = new Promise<{ eventLoop: number; store: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      const value = await longest;
      await worker.terminate();
      return value;
    },
  };
}

const loadAverage = (): string => os.loadavg().map((value) => value.toFixed(1)).join(' ');

async function runScale(stored: number): Promise<ScaleRun> {
  const data = tempDir('sotto-scale-');
  try {
    const [editor] = makeEditors(1) as [TestEditor];
    const keyList = path.join(data.dir, 'editors.pub');
    writeFileSync(keyList, keyListOf([editor]));
    const file = path.join(data.dir, 'sotto.db');
    const fillS = await fill(file, editor, stored);
    const fileMbBefore = statSync(file).size / 2 ** 20;
    const server = await spawnServer(['dist/server.mjs'], {
      SOTTO_DATA_DIR: data.dir,
      SOTTO_EDITORS: keyList,
      SOTTO_HOST: '127.0.0.1',
      SOTTO_PORT: '0',
      SOTTO_MAX_STORE_MB: String(1024 * 1024),
    });
    const loadBefore = loadAverage();
    const idleRssMb = rssMb(server.child.pid!);
    const memory = sampleRss(server.child.pid!);
    const probing = probe(server.url);
    const started = performance.now();
    const { pulled, longestMs: longestPullRequestMs } = await pullAll(server.url, editor);
    const pullS = (performance.now() - started) / 1000;
    if (pulled !== stored) throw new Error(`pulled ${pulled} of ${stored}`);
    // Upkeep returns the freed pages once the erasures have paused: keep probing through it.
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    const maxStallMs = await probing.stop();
    const peak = memory.stop();
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    const stopping = performance.now();
    server.child.kill('SIGTERM');
    await exited;
    const shutdownMs = performance.now() - stopping;
    return {
      stored, fillS, pullS, perS: stored / pullS, maxStallMs, longestPullRequestMs, load: `${loadBefore} → ${loadAverage()}`,
      idleRssMb, peakRssMb: peak, shutdownMs, fileMbBefore, fileMbAfter: statSync(file).size / 2 ** 20,
    };
  } finally {
    data.remove();
  }
}

export async function runScaleBench(): Promise<void> {
  const runs: ScaleRun[] = [];
  for (const stored of sizes()) {
    const run = await runScale(stored);
    runs.push(run);
    console.log(
      `scale ${stored}: fill ${run.fillS.toFixed(0)} s, file ${run.fileMbBefore.toFixed(0)} MiB → ${run.fileMbAfter.toFixed(0)} MiB after the pull; ` +
        `pull ${run.pullS.toFixed(1)} s (${run.perS.toFixed(0)}/s), longest probe wait ${run.maxStallMs.eventLoop.toFixed(0)} ms (event loop) / ` +
        `${run.maxStallMs.store.toFixed(0)} ms (store thread), longest pull request ${run.longestPullRequestMs.toFixed(0)} ms, ` +
        `RSS ${run.idleRssMb.toFixed(0)} MiB idle, ${run.peakRssMb.toFixed(0)} MiB at most while pulling and upkeeping, shutdown ${run.shutdownMs.toFixed(0)} ms; ` +
        `load average ${run.load} (1/5/15 min, ${os.availableParallelism()} cores)`,
    );
  }
  const label = (stored: number) => (stored % 1000 === 0 ? `${stored / 1000}k` : String(stored));
  const figures = runs.map((run) => `pull_per_s_${label(run.stored)}=${run.perS.toFixed(0)}`);
  const largest = runs.at(-1)!;
  figures.push(`max_stall_ms=${Math.max(...runs.map((run) => Math.max(run.maxStallMs.eventLoop, run.maxStallMs.store))).toFixed(0)}`);
  figures.push(`maintenance_peak_rss_mb=${Math.max(...runs.map((run) => run.peakRssMb)).toFixed(0)}`);
  figures.push(`shutdown_ms=${largest.shutdownMs.toFixed(0)}`);
  if (runs.length > 1) {
    // Per-envelope slowdown between consecutive sizes and overall: 1.00 is linear growth.
    const steps = runs.slice(1).map((run, i) => `${label(runs[i]!.stored)}→${label(run.stored)} ${(runs[i]!.perS / run.perS).toFixed(2)}`);
    figures.push(`growth=${(runs[0]!.perS / largest.perS).toFixed(2)} (per-envelope slowdown ${steps.join(', ')}; 1.00 is linear)`);
  }
  console.log(figures.join(' '));
  const minutes = (largest.stored / largest.perS / 60).toFixed(1);
  const longestPullRequest = Math.max(...runs.map((run) => run.longestPullRequestMs)).toFixed(0);
  console.log(
    `targets: full pull of ${label(largest.stored)} in ${minutes} min (≤ 10), longest probe wait ≤ 1000 ms, memory ≤ 256 MiB ` +
      `(the pull's own longest request, a full page's transfer included: ${longestPullRequest} ms)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runScaleBench();
