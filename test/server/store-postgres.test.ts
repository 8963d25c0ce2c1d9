// The storage contract (test/server/store-contract.ts) against PostgreSQL, and what only several
// instances on one database can show: spent tokens and the difficulty's rate are shared.

import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AdaptiveDifficulty } from '../../server/difficulty.ts';
import { SharedDifficulty } from '../../server/difficulty-shared.ts';
import { PostgresStore } from '../../server/store-postgres.ts';
import type { SubmissionStore } from '../../server/store.ts';
import { describePostgres, freshDatabase, urlWithOptions } from '../support/postgres.ts';
import { describeSpentTokens, describeSubmissionStore } from './store-contract.ts';

const EDITORS = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'];

describePostgres('PostgresStore', () => {
  describeSubmissionStore('PostgreSQL', async () => {
    const database = await freshDatabase();
    const opened: SubmissionStore[] = [];
    return {
      open: async (editors) => {
        const store = await PostgresStore.open(database.url, editors);
        opened.push(store);
        return store;
      },
      destroy: async () => {
        for (const store of opened) await store.close();
        await database.drop();
      },
    };
  });

  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function twoInstances(nowS = Date.now() / 1000): Promise<[PostgresStore, PostgresStore]> {
    const database = await freshDatabase();
    cleanup.push(database.drop);
    const open = () => PostgresStore.open(database.url, EDITORS, () => nowS * 1000);
    const stores = await Promise.all([open(), open()]);
    for (const store of stores) cleanup.push(() => store.close());
    return stores as [PostgresStore, PostgresStore];
  }

  describeSpentTokens('PostgreSQL', async (nowS) => {
    const [store] = await twoInstances(nowS);
    return store.spentTokens('pow');
  });

  // describeSpentTokens registers its own tests; these need the hooks above.
  let stores: [PostgresStore, PostgresStore];
  beforeEach(async () => {
    stores = await twoInstances();
  });

  it('two instances started at once share one secret and one token scope, and refuse each other\'s replays', async () => {
    const [a, b] = stores;
    expect(Buffer.from(a.serverSecret).equals(b.serverSecret)).toBe(true);
    const [powA, powB] = [a.spentTokens('pow'), b.spentTokens('pow')];
    expect(powA.scope).toBe(powB.scope);
    expect(await powA.claim('solution', 2000, 1000)).toBe('claimed');
    expect(await powB.claim('solution', 2000, 1000)).toBe('spent');
    // Kinds are separate registries: a nonce equal to a challenge id is not "spent".
    expect(await b.spentTokens('editor').claim('solution', 2000, 1000)).toBe('claimed');
  });

  it('the quota and erasure are global: one instance sees what the other stored and erased', async () => {
    const [a, b] = stores;
    const item = { envelope: randomBytes(5000), verifier: randomBytes(32), day: '2026-11-20' };
    expect(await a.insertBatch([item])).toEqual(['stored']);
    expect(await b.usedBytes()).toBe(5000 + 128);
    expect(await b.insertBatch([{ ...item, envelope: randomBytes(10) }])).toEqual(['duplicate-receipt']);
    const [entry] = (await b.inbox(EDITORS[0]!, { limit: 10, maxBytes: 1e9, cursor: undefined })).items;
    await Promise.all([a.acknowledge(EDITORS[0]!, [entry!.id]), b.acknowledge(EDITORS[1]!, [entry!.id])]);
    expect(await a.usedBytes()).toBe(128);
    expect((await a.inbox(EDITORS[0]!, { limit: 10, maxBytes: 1e9, cursor: undefined })).items).toEqual([]);
  });

  it('each instance\'s difficulty follows the submissions stored by all of them', async () => {
    const [a, b] = stores;
    const base = 10;
    const [here, there] = [new SharedDifficulty(base, a.rateLedger), new SharedDifficulty(base, b.rateLedger)];
    const reference = new AdaptiveDifficulty(base);
    const now = Date.UTC(2026, 10, 20, 12);
    await here.sync(now);
    await there.sync(now); // sees `here` once: its baseline
    for (let i = 0; i < 2000; i++) {
      here.record(now);
      reference.record(now);
    }
    await here.sync(now);
    await there.sync(now);
    expect(reference.current(now)).toBeGreaterThan(base);
    expect(there.current(now)).toBe(reference.current(now));
  });

  it('refuses to start on a cluster that would log statements', async () => {
    await expect(PostgresStore.open(urlWithOptions('-c log_statement=all'), EDITORS)).rejects.toThrow(/log_statement = all/);
    await expect(PostgresStore.open(urlWithOptions('-c log_min_error_statement=error'), EDITORS)).rejects.toThrow(/log_min_error_statement = error/);
  });
});
