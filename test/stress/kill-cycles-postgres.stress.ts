// The kill -9 cycles of kill-cycles.stress.ts with the server on PostgreSQL: every 201 survives
// byte for byte with its receipt, no 5xx, and no canary in the server's files, PostgreSQL's data
// dir or anything either printed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePostgres, freshDatabase } from '../support/postgres.ts';
import { runKillCycles } from './_kill-cycles.ts';
import { stressSeed } from './_support.ts';

const CYCLES = 10;

describePostgres('kill -9 under load on PostgreSQL, repeatedly', () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => database?.drop());

  it('keeps every acknowledged submission and leaks nothing', async () => {
    const postgresDir = process.env.SOTTO_TEST_POSTGRES_DIR;
    const result = await runKillCycles({
      cycles: CYCLES,
      seed: stressSeed() ^ 0x9a,
      databaseUrl: database.url,
      scanDirs: postgresDir ? [path.join(postgresDir, 'data')] : [],
    });
    process.stdout.write(`kill cycles on PostgreSQL: ${result.figures.killCycles} survived, ${result.interrupted} interrupted, ${result.acknowledged} acknowledged, ${result.lostIds.length} lost\n`);
    expect(result.figures.killCycles).toBe(CYCLES);
    expect(result.lostIds).toEqual([]);
    expect(result.receiptsWrong).toBe(0);
    expect(result.figures.status5xx).toBe(0);
    expect(result.interrupted).toBeGreaterThanOrEqual(CYCLES / 2);
    expect(result.acknowledged).toBeGreaterThanOrEqual(CYCLES * 4);
    expect(result.canaryHits).toEqual([]);
    const postgresLog = postgresDir ? readFileSync(path.join(postgresDir, 'server.log'), 'utf8') : '';
    expect(postgresLog).not.toMatch(/CANARY|203\.0\.113\.7/);
  });
});
