// Server benchmark: on loopback, side by side,
//   bare      a bare Hono handler reading a 16 KiB POST and answering 204
//   accepted  durable submissions of 16 KiB envelopes with valid, pre-solved challenges (201)
//   rejected  the same bodies with a wrong proof-of-work nonce (403)
// Each server runs in its own process; this process only generates load. Bounded request
// counts; prints rates, p99 latencies and the ratios against the targets. Not part of `npm test`.
// Run alone: node --import tsx bench/server.ts

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { b64uEncode } from '../crypto/bytes.ts';
import { meetsDifficulty, solveChallenge } from '../crypto/pow.ts';
import { envelopeFor, keyListOf, makeEditors, newReceipt, tempDir, type TestEditor } from '../test/support/server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = 5;
const PER_ROUND = 600;
const WARMUP = 300;
const IN_FLIGHT = 32;
/** A 12,000-byte payload pads to 16 KiB: the envelope is 16 KiB plus one recipient's header. */
const PAYLOAD_CHARS = 12_000;

const BARE_SERVER = `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const app = new Hono();
app.post('/', async (c) => { await c.req.arrayBuffer(); return c.body(null, 204); });
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => console.log('listening on http://127.0.0.1:' + info.port));
`;

export async function spawnServer(args: string[], env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', () => reject(new Error(`server exited before listening:\n${output}`)));
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Run {
  rate: number;
  p99Ms: number;
  latencies: number[];
  statuses: Map<number, number>;
}

/** Sends `bodies` with IN_FLIGHT requests outstanding on keep-alive connections. */
async function load(url: string, path: string, bodies: readonly Buffer[], contentType: string): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const target = new URL(path, url);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const one = (body: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const request = http.request(target, { method: 'POST', agent, headers: { 'Content-Type': contentType, 'Content-Length': body.length } }, (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          statuses.set(response.statusCode!, (statuses.get(response.statusCode!) ?? 0) + 1);
          resolve();
        });
      });
      request.on('error', reject);
      request.end(body);
    });
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < bodies.length) await one(bodies[next++]!);
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rate: bodies.length / seconds, p99Ms: latencies[Math.floor(latencies.length * 0.99)]!, latencies, statuses };
}

/** Difficulty 1 so that thousands of challenges are solved in a moment before the timed part;
 * the server's cost of checking a solution does not depend on the difficulty. */
async function prepareSotto(url: string, editors: TestEditor[], count: number): Promise<{ accepted: Buffer[]; rejected: Buffer[] }> {
  // One sealed envelope serves every request: the server does not compare envelopes, only
  // receipt verifiers and challenges, which are unique per request.
  const sealed = envelopeFor(editors, 'x'.repeat(PAYLOAD_CHARS));
  const envelope = b64uEncode(sealed);
  const challenges: { challenge: string; difficulty: number }[] = [];
  for (let i = 0; i < count + 1; i++) {
    const response = await fetch(`${url}/api/v1/challenge`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ envelopeBytes: sealed.length }),
    });
    challenges.push((await response.json()) as { challenge: string; difficulty: number });
  }
  const body = (challenge: string, nonce: string) =>
    Buffer.from(JSON.stringify({ envelope, challenge, nonce, receiptVerifier: b64uEncode(newReceipt().verifier) }));
  const unspent = challenges.pop()!;
  let wrong = 0;
  while (meetsDifficulty(unspent.challenge, String(wrong), unspent.difficulty)) wrong++;
  return {
    accepted: challenges.map(({ challenge, difficulty }) => body(challenge, solveChallenge(challenge, difficulty))),
    rejected: Array.from({ length: count }, () => body(unspent.challenge, String(wrong))),
  };
}

/** Median rate over the rounds; p99 over every request of the kind. */
function combine(runs: Run[]): Run {
  const rates = runs.map((r) => r.rate).sort((a, b) => a - b);
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const statuses = new Map<number, number>();
  for (const run of runs) for (const [status, n] of run.statuses) statuses.set(status, (statuses.get(status) ?? 0) + n);
  return { rate: rates[Math.floor(rates.length / 2)]!, latencies, p99Ms: latencies[Math.floor(latencies.length * 0.99)]!, statuses };
}

function line(label: string, run: Run): string {
  const statuses = [...run.statuses].map(([status, n]) => `${status}×${n}`).join(' ');
  return `  ${label.padEnd(30)} ${run.rate.toFixed(0).padStart(7)} req/s   p99 ${run.p99Ms.toFixed(1).padStart(6)} ms   (${statuses})`;
}

export async function runServerBench(): Promise<void> {
  console.log(`server: loopback, 16 KiB bodies, ${ROUNDS} interleaved rounds of ${PER_ROUND} requests per kind, ${IN_FLIGHT} in flight`);
  const data = tempDir('sotto-bench-');
  const editors = makeEditors(1);
  const keyList = path.join(data.dir, 'editors.pub');
  writeFileSync(keyList, keyListOf(editors));
  const bare = await spawnServer(['--input-type=module', '-e', BARE_SERVER], {});
  const sotto = await spawnServer(['--import', 'tsx', 'server/main.ts'], {
    SOTTO_HOST: '127.0.0.1', SOTTO_PORT: '0', SOTTO_DATA_DIR: path.join(data.dir, 'data'), SOTTO_EDITORS: keyList, SOTTO_POW_DIFFICULTY: '1',
  });
  try {
    const bareBody = randomBytes(16 * 1024);
    const bodies = await prepareSotto(sotto.url, editors, WARMUP + ROUNDS * PER_ROUND);
    await load(bare.url, '/', Array(WARMUP).fill(bareBody), 'application/octet-stream');
    await load(sotto.url, '/api/v1/submissions', bodies.accepted.slice(0, WARMUP), 'application/json');
    await load(sotto.url, '/api/v1/submissions', bodies.rejected.slice(0, WARMUP), 'application/json');
    // Interleaved rounds, so that other load on the machine affects every kind alike.
    const runs = { bare: [] as Run[], accepted: [] as Run[], rejected: [] as Run[] };
    for (let round = 0; round < ROUNDS; round++) {
      const slice = (all: Buffer[]) => all.slice(WARMUP + round * PER_ROUND, WARMUP + (round + 1) * PER_ROUND);
      runs.bare.push(await load(bare.url, '/', Array(PER_ROUND).fill(bareBody), 'application/octet-stream'));
      runs.accepted.push(await load(sotto.url, '/api/v1/submissions', slice(bodies.accepted), 'application/json'));
      runs.rejected.push(await load(sotto.url, '/api/v1/submissions', slice(bodies.rejected), 'application/json'));
    }
    const [b, a, r] = [combine(runs.bare), combine(runs.accepted), combine(runs.rejected)];
    console.log(line('bare Hono POST → 204', b));
    console.log(line('accepted, durable (201)', a));
    console.log(line('rejected, bad solution (403)', r));
    console.log(`  accepted/bare ${(a.rate / b.rate).toFixed(2)} (target ≥ 0.25)`);
    console.log(`  rejected/bare ${(r.rate / b.rate).toFixed(2)} (target ≥ 0.6)`);
  } finally {
    await stopServer(bare.child);
    await stopServer(sotto.child);
    data.remove();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runServerBench();
