import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Intake } from './intake.ts';
import { chargeFor, type SubmissionStore } from './store.ts';
import { SqliteStore } from './store-sqlite.ts';
import { tempDir } from '../test/support/server.ts';

let dir: ReturnType<typeof tempDir>;
let store: SqliteStore;
beforeEach(() => {
  dir = tempDir();
  store = new SqliteStore(path.join(dir.dir, 'sotto.db'), ['aaaaaaaaaaaaaaaa']);
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

const submission = () => ({ envelope: randomBytes(5000), verifier: randomBytes(32), day: '2026-11-20' });

describe('Intake', () => {
  it('answers busy when the bytes waiting for the disk exceed the bound, and stores the rest', async () => {
    const intake = new Intake(store, 1e9, 2 * chargeFor(5000));
    const results = await Promise.all([submission(), submission(), submission()].map((s) => intake.submit(s)));
    expect(results).toEqual(['stored', 'stored', 'busy']);
    expect(await intake.submit(submission())).toBe('stored'); // the queue emptied
  });

  it('counts queued bytes against the quota', async () => {
    const intake = new Intake(store, 2 * chargeFor(5000));
    const results = await Promise.all([submission(), submission(), submission()].map((s) => intake.submit(s)));
    expect(results).toEqual(['stored', 'stored', 'storage-full']);
  });

  it('answers "duplicate receipt" for a resend only once the first copy is stored, never for a failed one', async () => {
    const intake = new Intake(store, 1e9);
    const first = submission();
    expect(await Promise.all([intake.submit(first), intake.submit({ ...first })])).toEqual(['stored', 'duplicate-receipt']);

    const failing = new Intake(
      { usedBytes: async () => 0, statusOf: async () => undefined, insertBatch: async () => { throw new Error('disk'); } } as Partial<SubmissionStore> as SubmissionStore,
      1e9,
    );
    const lost = submission();
    const outcomes = await Promise.allSettled([failing.submit(lost), failing.submit({ ...lost })]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
