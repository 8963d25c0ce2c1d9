// The flooder of bench/flood.ts, a process of its own (one core, one thread): it solves
// challenges as fast as this machine can and posts what a flood would.
//   junk   base-size challenges, each solution attached to an envelope that is not valid
//   large  valid 2 MiB envelopes (the largest padding bucket) with random content, to fill the quota
// Run: node --import tsx bench/_flooder.ts URL KEY_LIST_FILE junk|large SECONDS; prints one JSON line.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { b64uEncode } from '../crypto/bytes.ts';
import { sealEnvelope } from '../crypto/envelope-noble.ts';
import { MAX_PAYLOAD_BYTES } from '../crypto/pad.ts';
import { parseKeyList } from '../crypto/public-key.ts';
import { postJson } from './_http.ts';
import { fastestSolver } from './_native-pow.ts';

export interface FloodReport {
  mode: 'junk' | 'large';
  solver: string;
  hashesPerSecond: number;
  sent: number;
  /** HTTP status → count, challenge refusals (507 before any work) included. */
  statuses: Record<string, number>;
  stored: number;
  storedBytes: number;
  lastDifficulty: number;
}

async function flood(url: string, keyListFile: string, mode: 'junk' | 'large', seconds: number): Promise<FloodReport> {
  const recipients = parseKeyList(readFileSync(keyListFile, 'utf8')).map((key) => key.x25519);
  const solver = fastestSolver();
  const report: FloodReport = { mode, solver: solver.name, hashesPerSecond: 0, sent: 0, statuses: {}, stored: 0, storedBytes: 0, lastDifficulty: 0 };
  const count = (status: number | string) => (report.statuses[status] = (report.statuses[status] ?? 0) + 1);
  const until = Date.now() + seconds * 1000;
  let hashes = 0;
  let solving = 0;
  while (Date.now() < until) {
    const envelope = mode === 'large' ? sealEnvelope(randomBytes(MAX_PAYLOAD_BYTES), recipients) : randomBytes(8 * 1024);
    const challenge = await postJson(`${url}/api/v1/challenge`, mode === 'large' ? { envelopeBytes: envelope.length } : undefined);
    if (challenge.status !== 200) {
      count(challenge.status);
      await new Promise((resolve) => setTimeout(resolve, 200)); // refused before any work: ask again soon
      continue;
    }
    const { challenge: text, difficulty } = challenge.body as { challenge: string; difficulty: number };
    report.lastDifficulty = difficulty;
    const started = performance.now();
    const { nonce, attempts } = solver.solve(text, difficulty);
    solving += performance.now() - started;
    hashes += attempts;
    report.sent++;
    let answer;
    try {
      answer = await postJson(`${url}/api/v1/submissions`, { envelope: b64uEncode(envelope), challenge: text, nonce, receiptVerifier: b64uEncode(randomBytes(32)) });
    } catch (error) {
      count(`network: ${(error as { cause?: { code?: string } }).cause?.code ?? 'failed'}`);
      continue;
    }
    count(answer.status);
    if (answer.status === 201) {
      report.stored++;
      report.storedBytes += envelope.length;
    }
  }
  report.hashesPerSecond = Math.round(hashes / (solving / 1000));
  return report;
}

const [url, keyListFile, mode, seconds] = process.argv.slice(2);
if (!url || !keyListFile || (mode !== 'junk' && mode !== 'large') || !seconds) {
  console.error('usage: node --import tsx bench/_flooder.ts URL KEY_LIST_FILE junk|large SECONDS');
  process.exit(2);
}
console.log(JSON.stringify(await flood(url, keyListFile, mode, Number(seconds))));
