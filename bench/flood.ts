// Flood benchmark (SECURITY.md §5 "Proof of work instead of IP limits"): the real server
// (dist/server.mjs) with a small quota, while
//   1. a flooder (bench/_flooder.ts, one process, the fastest solver it has) attaches valid
//      solutions to junk envelopes: the difficulty must not move;
//   2. the flooder posts valid 2 MiB envelopes as fast as it can, and at the same time an honest
//      client sends base-size stories at page speed (its solver throttled to PAGE_HASHES_PER_S,
//      Tor Browser "Safer" as measured by bench/page.ts): they must keep being accepted.
// The base difficulty is lowered so the whole curve (quota filling, large envelopes refused) fits
// in a minute; the figures for the real base and quota are then computed from the measured rate
// with the server's own price list (server/pow-price.ts).
// Run alone: node --import tsx bench/flood.ts

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { b64uEncode } from '../crypto/bytes.ts';
import { sealEnvelope } from '../crypto/envelope-noble.ts';
import { envelopeSizeFor } from '../crypto/envelope-format.ts';
import { MAX_PAYLOAD_BYTES } from '../crypto/pad.ts';
import { deriveReceipt, newReceiptCode, parseReceiptCode } from '../crypto/receipt.ts';
import { encodeTestimony } from '../crypto/testimony-encode.ts';
import { DEFAULT_POW_DIFFICULTY } from '../server/config.ts';
import { AdaptiveDifficulty, MAX_EXTRA_BITS } from '../server/difficulty.ts';
import { HEADROOM_SHARE, PowPrice } from '../server/pow-price.ts';
import { chargeFor } from '../server/store.ts';
import { keyListOf, makeEditors, tempDir } from '../test/support/server.ts';
import { startServer, type ServerProcess } from '../test/server/server-process.ts';
import type { FloodReport } from './_flooder.ts';
import { postJson } from './_http.ts';
import { pageSolver } from './_native-pow.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIFFICULTY = 12;
const BENCH_QUOTA_MB = 16;
const JUNK_SECONDS = 30;
const FLOOD_SECONDS = 60;
/** The page's solver in Firefox ESR with Tor Browser "Safer" preferences (bench/page.ts). */
const PAGE_HASHES_PER_S = 20_000;
const EDITORS = 2;
/** About a page of Cyrillic: a base-size story (the 8 KiB padding bucket). */
const HONEST_STORY = 'Меня зовут Саша, я живу в небольшом городе. '.repeat(45);

function runFlooder(url: string, keyListFile: string, mode: 'junk' | 'large', seconds: number): Promise<FloodReport> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/_flooder.ts', url, keyListFile, mode, String(seconds)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as FloodReport) : reject(new Error(`flooder exited ${code}`))));
  });
}

async function difficultyOf(url: string): Promise<number> {
  return ((await (await fetch(`${url}/api/v1/config`)).json()) as { pow: { difficulty: number } }).pow.difficulty;
}

interface HonestReport {
  sent: number;
  accepted: number;
  statuses: Record<string, number>;
  difficulties: number[];
  /** Seconds each solve took at page speed. */
  solveSeconds: number[];
}

/** Base-size stories, one after the other, each solved at page speed, until `until`. */
async function honestClient(url: string, recipients: Uint8Array[], until: number): Promise<HonestReport> {
  const report: HonestReport = { sent: 0, accepted: 0, statuses: {}, difficulties: [], solveSeconds: [] };
  while (Date.now() < until) {
    const parsed = parseReceiptCode(newReceiptCode());
    if (!parsed.ok) throw new Error('receipt code');
    const receipt = deriveReceipt(parsed.ikm);
    const payload = encodeTestimony({ v: 1, story: HONEST_STORY, language: 'ru', consent: true, replyKey: b64uEncode(receipt.reply.publicKey) });
    const envelope = sealEnvelope(payload, recipients);
    const challenge = await postJson(`${url}/api/v1/challenge`, { envelopeBytes: envelope.length });
    report.sent++;
    if (challenge.status !== 200) {
      report.statuses[challenge.status] = (report.statuses[challenge.status] ?? 0) + 1;
      continue;
    }
    const { challenge: text, difficulty } = challenge.body as { challenge: string; difficulty: number };
    const started = Date.now();
    const { nonce, attempts } = pageSolver.solve(text, difficulty);
    // Page speed: wait until the throttled solver would have found this nonce.
    const pageMs = (attempts / PAGE_HASHES_PER_S) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, pageMs - (Date.now() - started))));
    const answer = await postJson(`${url}/api/v1/submissions`, { envelope: b64uEncode(envelope), challenge: text, nonce, receiptVerifier: b64uEncode(receipt.verifier) });
    report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
    report.difficulties.push(difficulty);
    report.solveSeconds.push(pageMs / 1000);
    if (answer.status === 201) report.accepted++;
  }
  return report;
}

const statusList = (statuses: Record<string, number>) => Object.entries(statuses).map(([s, n]) => `${s}×${n}`).join(' ');
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Seconds one core at `hashesPerSecond` needs to fill what `price` lets envelopes of
 * `envelopeBytes` fill, each at the price quoted then (the rate bits at their cap). */
function secondsToFill(price: PowPrice, rateDifficulty: number, envelopeBytes: number, startUsed: number, hashesPerSecond: number): { seconds: number; count: number } {
  let used = startUsed;
  let hashes = 0;
  let count = 0;
  for (;;) {
    const quote = price.quote(rateDifficulty, envelopeBytes, chargeFor(envelopeBytes), used);
    if (!quote.ok) return { seconds: hashes / hashesPerSecond, count };
    hashes += 2 ** quote.difficulty;
    used += chargeFor(envelopeBytes);
    count++;
  }
}

function projections(rate: number): void {
  const quota = 1024 * 1024 * 1024;
  const price = new PowPrice(EDITORS, quota);
  const big = envelopeSizeFor(MAX_PAYLOAD_BYTES, EDITORS);
  const capped = DEFAULT_POW_DIFFICULTY + MAX_EXTRA_BITS;
  const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;
  // Before: any envelope at base + up to 4 rate bits, the whole quota open to it.
  const before = (quota / chargeFor(big)) * 2 ** (DEFAULT_POW_DIFFICULTY + 4) / rate;
  const large = secondsToFill(price, capped, big, 0, rate);
  const small = secondsToFill(price, capped, price.baseEnvelopeBytes, quota * (1 - HEADROOM_SHARE), rate);
  console.log(`  at the real defaults (base ${DEFAULT_POW_DIFFICULTY} bits, 1 GiB), one core at ${Math.round(rate)} hashes/s:`);
  console.log(`    2 MiB flood, flat price (before: ≤ ${DEFAULT_POW_DIFFICULTY + 4} bits, whole quota): quota full after ${hours(before)}`);
  console.log(`    2 MiB flood, priced by size and fill: ${large.count} envelopes fill the 7/8 open to them after ${hours(large.seconds)}; short stories still fit`);
  console.log(`    then base-size junk into the headroom (${capped} bits each): ${small.count} envelopes, ${hours(small.seconds)} more`);
  console.log(`    honest base-size story: at most ${capped} bits, ${(2 ** capped / PAGE_HASHES_PER_S).toFixed(1)} s mean at page speed (${(2 ** DEFAULT_POW_DIFFICULTY / PAGE_HASHES_PER_S).toFixed(1)} s without a flood)`);
}

export async function runFloodBench(): Promise<void> {
  const editors = makeEditors(EDITORS);
  const temp = tempDir('sotto-bench-flood-');
  const keyListFile = path.join(temp.dir, 'editors.pub');
  writeFileSync(keyListFile, keyListOf(editors));
  let server: ServerProcess | undefined;
  try {
    server = await startServer(
      { SOTTO_DATA_DIR: path.join(temp.dir, 'data'), SOTTO_EDITORS: keyListFile, SOTTO_POW_DIFFICULTY: String(BENCH_DIFFICULTY), SOTTO_MAX_STORE_MB: String(BENCH_QUOTA_MB) },
      { entry: 'dist' },
    );
    console.log(`flood: base ${BENCH_DIFFICULTY} bits, quota ${BENCH_QUOTA_MB} MiB, honest client at ${PAGE_HASHES_PER_S} hashes/s`);

    const before = await difficultyOf(server.url);
    const junk = await runFlooder(server.url, keyListFile, 'junk', JUNK_SECONDS);
    const after = await difficultyOf(server.url);
    console.log(`  junk for ${JUNK_SECONDS} s: ${junk.sent} valid solutions on invalid envelopes (${statusList(junk.statuses)}), ${junk.solver} at ${junk.hashesPerSecond} hashes/s`);
    // What the same solutions would have done under the rule before: every valid solution counted,
    // calm below one a minute.
    const counted = new AdaptiveDifficulty(BENCH_DIFFICULTY, 1 / 60);
    for (let i = 0; i < junk.sent; i++) counted.record((i / junk.sent) * JUNK_SECONDS * 1000);
    console.log(`  difficulty_before_junk=${before} difficulty_after_junk=${after} (${after === before ? 'unmoved' : 'MOVED'}; counted as before: ${counted.current(JUNK_SECONDS * 1000)})`);

    const until = Date.now() + FLOOD_SECONDS * 1000;
    const recipients = editors.map((e) => e.identity.x25519.publicKey);
    const [flood, honest] = await Promise.all([runFlooder(server.url, keyListFile, 'large', FLOOD_SECONDS), honestClient(server.url, recipients, until)]);
    const quota = BENCH_QUOTA_MB * 1024 * 1024;
    console.log(`  ${FLOOD_SECONDS} s of 2 MiB flood (${flood.solver} at ${flood.hashesPerSecond} hashes/s) and honest base-size stories:`);
    console.log(`  honest_accepted=${honest.accepted} of ${honest.sent} (${statusList(honest.statuses)}), difficulty ${Math.min(...honest.difficulties)}–${Math.max(...honest.difficulties)}, mean solve ${mean(honest.solveSeconds).toFixed(2)} s at page speed`);
    console.log(`  flood_accepted=${flood.stored} of ${flood.sent} posted (${statusList(flood.statuses)}), ${(flood.storedBytes / 1024 / 1024).toFixed(1)} MiB = ${((flood.storedBytes / quota) * 100).toFixed(0)}% of the quota (large envelopes may use ${((1 - HEADROOM_SHARE) * 100).toFixed(1)}%), last difficulty ${flood.lastDifficulty}`);
    projections(Math.max(flood.hashesPerSecond, junk.hashesPerSecond));
    if (process.env.SOTTO_BENCH_VERBOSE) console.log(server.output());
  } finally {
    await server?.stop();
    temp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runFloodBench();
