// Scale-out benchmark (README.md "Several instances on PostgreSQL"): accepted submissions per
// second, in one run, for
//   SQLite          one server process on its SQLite file (the default)
//   PostgreSQL × 1  one server process on a PostgreSQL database
//   PostgreSQL × 3  three server processes on one database behind a round-robin client
// and the ratio of three instances to one. Needs a PostgreSQL cluster: SOTTO_TEST_DATABASE_URL,
// or Debian's postgresql installed, in which case scripts/pg-test-cluster.sh starts a throwaway one.
// Run alone: node --import tsx bench/scale-out.ts

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { b64uEncode } from '../crypto/bytes.ts';
import { solveChallenge } from '../crypto/pow.ts';
import { startServer, type ServerProcess } from '../test/server/server-process.ts';
import { envelopeFor, keyListOf, makeEditors, newReceipt, tempDir } from '../test/support/server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUBMISSIONS = 900;
const IN_FLIGHT = 48;
const PAYLOAD_CHARS = 4_000;

/** Sends every body round robin over `urls`, IN_FLIGHT at a time; accepted (201) per second. */
async function load(urls: readonly string[], bodies: readonly Buffer[]): Promise<{ rate: number; statuses: Map<number, number> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const statuses = new Map<number, number>();
  let next = 0;
  const one = (url: string, body: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(new URL('/api/v1/submissions', url), { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (response) => {
        response.resume();
        response.on('end', () => {
          statuses.set(response.statusCode!, (statuses.get(response.statusCode!) ?? 0) + 1);
          resolve();
        });
      });
      request.on('error', reject);
      request.end(body);
    });
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < bodies.length) {
      const i = next++;
      await one(urls[i % urls.length]!, bodies[i]!);
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { rate: (statuses.get(201) ?? 0) / seconds, statuses };
}

/** Bodies with challenges fetched round robin and solved at difficulty 1, before the clock starts. */
async function prepare(urls: readonly string[], sealed: Uint8Array): Promise<Buffer[]> {
  const envelope = b64uEncode(sealed);
  const bodies: Buffer[] = [];
  for (let i = 0; i < SUBMISSIONS; i++) {
    const response = await fetch(`${urls[i % urls.length]}/api/v1/challenge`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ envelopeBytes: sealed.length }),
    });
    const { challenge, difficulty } = (await response.json()) as { challenge: string; difficulty: number };
    bodies.push(Buffer.from(JSON.stringify({ envelope, challenge, nonce: solveChallenge(challenge, difficulty), receiptVerifier: b64uEncode(newReceipt().verifier) })));
  }
  return bodies;
}

async function measure(label: string, instances: number, databaseUrl: string | undefined): Promise<number> {
  const files = tempDir('sotto-bench-scale-');
  const editors = makeEditors(1);
  const keyList = path.join(files.dir, 'editors.pub');
  writeFileSync(keyList, keyListOf(editors));
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < instances; i++) {
      const dataDir = path.join(files.dir, `data-${i}`);
      mkdirSync(dataDir);
      servers.push(await startServer({
        SOTTO_DATA_DIR: dataDir, SOTTO_EDITORS: keyList, SOTTO_POW_DIFFICULTY: '1', ...(databaseUrl ? { SOTTO_DATABASE_URL: databaseUrl } : {}),
      }));
    }
    const urls = servers.map((server) => server.url);
    const bodies = await prepare(urls, envelopeFor(editors, 'x'.repeat(PAYLOAD_CHARS)));
    const { rate, statuses } = await load(urls, bodies);
    const answers = [...statuses].map(([status, n]) => `${n}×${status}`).join(' ');
    console.log(`${label.padEnd(16)} ${rate.toFixed(0).padStart(6)} accepted/s   (${answers})`);
    return rate;
  } finally {
    for (const server of servers) await server.stop();
    files.remove();
  }
}

/** A database of its own for one measurement, dropped afterwards. */
async function withDatabase<T>(adminUrl: string, name: string, run: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function runScaleOutBench(): Promise<void> {
  const adminUrl = process.env.SOTTO_TEST_DATABASE_URL;
  if (!adminUrl) {
    // One run under a throwaway cluster (it sets SOTTO_TEST_DATABASE_URL for the child).
    const script = path.join(root, 'scripts/pg-test-cluster.sh');
    const child = spawnSync(script, ['run', process.execPath, '--import', 'tsx', path.join(root, 'bench/scale-out.ts')], { stdio: 'inherit', cwd: root });
    if (child.status !== 0) console.log('scale-out: no PostgreSQL cluster (Debian: apt-get install postgresql), skipped');
    return;
  }
  console.log(`${SUBMISSIONS} submissions of ${PAYLOAD_CHARS}-character stories, ${IN_FLIGHT} in flight, round robin over the instances`);
  await measure('SQLite', 1, undefined);
  const one = await withDatabase(adminUrl, 'sotto_bench_one', (url) => measure('PostgreSQL × 1', 1, url));
  const three = await withDatabase(adminUrl, 'sotto_bench_three', (url) => measure('PostgreSQL × 3', 3, url));
  console.log(`three instances / one: ${(three / one).toFixed(2)}× (on this machine's ${os.availableParallelism()} cores; the database shares them)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runScaleOutBench();
