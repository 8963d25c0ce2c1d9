// Several instances on one PostgreSQL database (README.md "Several instances on PostgreSQL"):
// three server processes behind a round-robin client take a few thousand submissions while one of
// them, picked at random, is killed with SIGKILL and restarted, again and again. Each challenge is
// fetched from one instance and redeemed at another. Afterwards: every story answered 201 is pulled
// exactly once by each editor, replays sent to another instance are refused (proof-of-work
// solutions and signed editor requests), and no canary is in anything the servers or PostgreSQL
// wrote or printed.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiError, apiErrorCodeOf } from '../../crypto/contract.ts';
import { seededRandom } from '../support/random.ts';
import { describePostgres, freshDatabase } from '../support/postgres.ts';
import { envelopeFor, keyListOf, makeEditors, signed, tempDir, type TestEditor } from '../support/server.ts';
import { startServer, type ServerProcess } from '../server/server-process.ts';
import {
  acknowledge, envelopeKey, makeCanaries, prepareSubmission, pullAll, scanForLeaks, stressSeed, trackingHeaders, type PreparedSubmission,
} from './_support.ts';

const INSTANCES = 3;
const SUBMISSIONS = 2000;
const LANES = 12;
const KILL_EVERY_MS = 1500;
/** Every REPLAY_EVERY-th story answered 201 is sent again, to another instance. */
const REPLAY_EVERY = 40;

describePostgres('three instances on one PostgreSQL database', () => {
  const canaries = makeCanaries('PGI');
  const tracking = trackingHeaders(canaries);
  const files = tempDir('sotto-pg-instances-');
  let database: { url: string; drop: () => Promise<void> };
  let editors: TestEditor[];
  let env: (i: number) => Record<string, string>;
  const instances: (ServerProcess | undefined)[] = [];
  let printed = '';

  beforeAll(async () => {
    database = await freshDatabase();
    editors = makeEditors(2);
    const keyList = path.join(files.dir, 'editors.pub');
    writeFileSync(keyList, keyListOf(editors));
    env = (i) => {
      const dataDir = path.join(files.dir, `instance-${i}`);
      mkdirSync(dataDir, { recursive: true });
      return { SOTTO_DATA_DIR: dataDir, SOTTO_EDITORS: keyList, SOTTO_POW_DIFFICULTY: '1', SOTTO_DATABASE_URL: database.url };
    };
    // Started at once: the schema is created by exactly one of them.
    const started = await Promise.all(Array.from({ length: INSTANCES }, (_, i) => startServer(env(i), { entry: 'dist' })));
    instances.push(...started);
  });

  afterAll(async () => {
    for (const instance of instances) if (instance && instance.child.exitCode === null && instance.child.signalCode === null) await instance.kill9();
    await database?.drop();
    files.remove();
  });

  let turn = 0;
  /** The next live instance after the last one used (round robin). */
  function nextUrl(): string {
    for (let tries = 0; tries < INSTANCES * 2; tries++) {
      const instance = instances[turn++ % INSTANCES];
      if (instance) return instance.url;
    }
    throw new Error('no instance is running');
  }

  async function post(body: string): Promise<number> {
    const response = await fetch(`${nextUrl()}/api/v1/submissions?utm=${canaries.query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...tracking },
      body,
    });
    const text = await response.text();
    if (response.status !== 201) lastRefusal.set(response.status, apiErrorCodeOf(JSON.parse(text)) ?? text);
    return response.status;
  }
  const lastRefusal = new Map<number, string>();

  it(`takes ${SUBMISSIONS} submissions while instances are killed and restarted, loses none, duplicates none`, async () => {
    const random = seededRandom(stressSeed() ^ 0x9a11);
    const created: PreparedSubmission[] = [];
    const replays: string[] = [];
    const unexpected: string[] = [];
    let next = 0;
    let loading = true;
    let kills = 0;

    const killer = (async () => {
      while (loading) {
        await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS));
        if (!loading) break;
        const victim = Math.floor(random() * INSTANCES);
        const instance = instances[victim]!;
        instances[victim] = undefined;
        await instance.kill9();
        printed += instance.output();
        kills++;
        instances[victim] = await startServer(env(victim), { entry: 'dist' });
      }
    })();

    const lane = async () => {
      while (next < SUBMISSIONS) {
        const index = next++;
        const envelope = envelopeFor(editors, `story ${index} ${canaries.story} ${'s'.repeat(200 + (index % 7) * 300)}`);
        // A lost answer (the instance died) is retried as the page does: same receipt, and a new
        // challenge once the old one is spent. 'receipt_used' then means an earlier try was stored.
        let prepared: PreparedSubmission | undefined;
        for (let attempt = 0; attempt < 20; attempt++) {
          try {
            prepared = prepared
              ? { ...(await prepareSubmission(nextUrl(), envelope)), receipt: prepared.receipt, envelope }
              : await prepareSubmission(nextUrl(), envelope);
            const body = retagged(prepared);
            const status = await post(body);
            if (status === 201) {
              created.push(prepared);
              if (created.length % REPLAY_EVERY === 0) {
                const status = await post(body);
                replays.push(`${status} ${lastRefusal.get(status)}`);
              }
              break;
            }
            const code = lastRefusal.get(status);
            if (code === 'receipt_used') break; // stored by an attempt whose answer was lost
            if (code !== 'challenge_used' && code !== 'busy') unexpected.push(`${status} ${code}`);
          } catch {
            // The instance died under this request; try again elsewhere.
          }
        }
      }
    };
    // The receipt of a retry stays that of the first try.
    const retagged = (p: PreparedSubmission) => {
      const body = JSON.parse(p.body) as Record<string, string>;
      body.receiptVerifier = Buffer.from(p.receipt.verifier).toString('base64url');
      return JSON.stringify(body);
    };

    await Promise.all(Array.from({ length: LANES }, lane));
    loading = false;
    await killer;

    expect(unexpected).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(3);
    expect(created.length).toBeGreaterThan(SUBMISSIONS * 0.9);
    expect(replays.length).toBeGreaterThan(0);
    expect(replays.filter((answer) => answer !== `${apiError('challenge_used').status} challenge_used`)).toEqual([]);

    // A signed editor request replayed at another instance is refused.
    const request = signed(editors[0]!, 'GET', '/api/v1/inbox?limit=1');
    const first = await fetch(`${instances[0]!.url}/api/v1/inbox?limit=1`, request);
    expect(first.status).toBe(200);
    const again = await fetch(`${instances[1]!.url}/api/v1/inbox?limit=1`, request);
    expect(await again.json()).toEqual(apiError('request_replayed').body);

    // Each editor pulls through a different instance and finds every 201 story exactly once.
    const wanted = new Set(created.map((item) => envelopeKey(item.envelope)));
    for (const [e, editor] of editors.entries()) {
      const pulled = await pullAll(instances[e]!.url, editor);
      const keys = pulled.map((item) => envelopeKey(item.envelope));
      const served = new Set(keys);
      expect(served.size).toBe(keys.length);
      expect([...wanted].filter((key) => !served.has(key))).toEqual([]);
      for (let i = 0; i < pulled.length; i += 100) {
        const answer = await acknowledge(nextUrl(), editor, pulled.slice(i, i + 100).map((item) => item.id));
        expect(answer.status).toBe(200);
      }
    }
    // Both editors acknowledged everything: nothing is left to pull.
    for (const editor of editors) expect(await pullAll(nextUrl(), editor)).toEqual([]);

    for (const instance of instances) {
      expect(await instance!.stop()).toBe(0);
      printed += instance!.output();
    }
    // PostgreSQL's files and its log too (scripts/pg-test-cluster.sh says where they are).
    const postgresDir = process.env.SOTTO_TEST_POSTGRES_DIR;
    const postgresLog = postgresDir ? readFileSync(path.join(postgresDir, 'server.log'), 'utf8') : '';
    const scan = scanForLeaks({ dirs: [files.dir, ...(postgresDir ? [path.join(postgresDir, 'data')] : [])], printed: printed + postgresLog, canaries });
    expect(scan.canaryHits).toEqual([]);
  }, 600_000);
});
