// kill -9 under concurrent load, over and over (SECURITY.md §10). Each cycle fires prepared
// submissions from several lanes and kills the server mid-load after a seeded number of 201s;
// the database must pass PRAGMA integrity_check after every kill, and after the last restart
// every submission ever answered 201 must be in the inbox byte for byte, with its receipt.

import Database from 'better-sqlite3';
import path from 'node:path';
import { envelopeFor } from '../support/server.ts';
import { seededRandom } from '../support/random.ts';
import {
  countStatus, emptyFigures, envelopeKey, makeCanaries, postSubmission, prepareSubmission, pullAll, receiptStatus, scanForLeaks, startStressServer, trackingHeaders,
  type Figures, type PreparedSubmission, type StressServer,
} from './_support.ts';

export interface KillCyclesResult {
  figures: Figures;
  /** Cycles in which the kill landed while submissions were still in flight. */
  interrupted: number;
  acknowledged: number;
  integrityFailures: string[];
  lostIds: number[];
  receiptsWrong: number;
  printed: string;
  canaryHits: string[];
}

const PER_CYCLE = 32;
const LANES = 8;

function integrity(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'sotto.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** `databaseUrl`: run the server on PostgreSQL (README.md "Several instances on PostgreSQL"); the
 * integrity check is then PostgreSQL's own WAL replay, and `scanDirs` adds its data dir to the scan. */
export async function runKillCycles(options: { cycles: number; seed: number; databaseUrl?: string; scanDirs?: readonly string[] }): Promise<KillCyclesResult> {
  const r = seededRandom(options.seed ^ 0x51c1);
  const figures = emptyFigures();
  const result: KillCyclesResult = { figures, interrupted: 0, acknowledged: 0, integrityFailures: [], lostIds: [], receiptsWrong: 0, printed: '', canaryHits: [] };
  const canaries = makeCanaries('KILL');
  const tracking = trackingHeaders(canaries);
  const stress: StressServer = await startStressServer({ editorCount: 1, env: options.databaseUrl ? { SOTTO_DATABASE_URL: options.databaseUrl } : {} });
  const checkIntegrity = () => (options.databaseUrl ? 'ok' : integrity(stress.dataDir));
  const acknowledged: PreparedSubmission[] = [];
  try {
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      const url = stress.server.url;
      // Prepared first, so the kill lands during commits rather than during solving.
      const bodies: PreparedSubmission[] = [];
      for (let i = 0; i < PER_CYCLE; i++) {
        const size = [100, 5_000, 20_000][i % 3]!;
        bodies.push(await prepareSubmission(url, envelopeFor(stress.editors, `cycle ${cycle} story ${i} ${canaries.story} ${'k'.repeat(size)}`)));
      }
      const killAfter = 4 + Math.floor(r() * (PER_CYCLE / 2));
      let next = 0;
      let created = 0;
      let killing: Promise<void> | undefined;
      await Promise.all(
        Array.from({ length: LANES }, async () => {
          while (next < bodies.length) {
            const item = bodies[next++]!;
            try {
              const status = await postSubmission(`${url}`, item.body, tracking);
              countStatus(figures, status);
              if (status === 201) {
                acknowledged.push(item);
                created++;
              }
            } catch {
              // The server died under this request: it was never acknowledged.
            }
            if (created >= killAfter && !killing) killing = stress.kill9();
          }
        }),
      );
      if (!killing) killing = stress.kill9();
      await killing;
      if (next < bodies.length || created < bodies.length) result.interrupted++;
      const check = checkIntegrity();
      if (check !== 'ok') result.integrityFailures.push(`cycle ${cycle}: ${check}`);
      await stress.restart();
      figures.killCycles++;
    }

    const url = stress.server.url;
    const stored = new Map((await pullAll(url, stress.editors[0]!)).map((item) => [envelopeKey(item.envelope), item.envelope]));
    acknowledged.forEach((item, i) => {
      if (!Buffer.from(stored.get(envelopeKey(item.envelope)) ?? []).equals(item.envelope)) result.lostIds.push(i);
    });
    for (const item of acknowledged) if ((await receiptStatus(url, item.receipt.token)) !== 'received') result.receiptsWrong++;
    result.acknowledged = acknowledged.length;
    figures.acknowledgedLost = result.lostIds.length;
    await stress.stop();
    const check = checkIntegrity();
    if (check !== 'ok') result.integrityFailures.push(`after the last stop: ${check}`);
    result.printed = stress.printed();
    // The privacy canary after the faults: a killed server leaves no request metadata either.
    result.canaryHits = scanForLeaks({ dirs: [stress.dataDir, ...(options.scanDirs ?? [])], printed: result.printed, canaries }).canaryHits;
    figures.canaryHits = result.canaryHits.length;
    return result;
  } finally {
    await stress.remove();
  }
}
