// `sotto-server migrate --from sqlite:PATH --to postgres://…` as a process: everything a SQLite
// server held (envelopes, acks, statuses, withdrawals, the quota) is in PostgreSQL afterwards,
// the SQLite file is unchanged, and a second run copies nothing twice.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { PostgresStore } from '../../server/store-postgres.ts';
import { SqliteStore } from '../../server/store-sqlite.ts';
import type { SubmissionStore, TeamRecord } from '../../server/store.ts';
import { describePostgres, freshDatabase } from '../support/postgres.ts';
import { tempDir } from '../support/server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const everything = { limit: 100, maxBytes: 1e9, cursor: undefined };

function migrate(...args: string[]) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/main.ts', 'migrate', ...args], { cwd: root });
}

/** What an editor and a submitter can see of a store. */
async function view(store: SubmissionStore, verifiers: readonly Uint8Array[]) {
  const inbox = async (editor: string) => {
    const page = await store.inbox(editor, everything);
    return { items: page.items.map((item) => `${item.day}.${Buffer.from(item.id).toString('hex')}.${Buffer.from(item.envelope).toString('base64')}`), withdrawn: page.withdrawn.map((id) => Buffer.from(id).toString('hex')) };
  };
  return { a: await inbox(A), b: await inbox(B), statuses: await Promise.all(verifiers.map((v) => store.statusOf(v))), used: await store.usedBytes() };
}

describePostgres('sotto-server migrate', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('carries every envelope, ack and status over, leaves SQLite unchanged, and is re-runnable', async () => {
    const dir = tempDir();
    cleanup.push(dir.remove);
    const database = await freshDatabase();
    cleanup.push(database.drop);
    const file = path.join(dir.dir, 'sotto.db');

    const sqlite = new SqliteStore(file, [A, B]);
    const items = Array.from({ length: 450 }, (_, i) => ({ envelope: randomBytes(500 + i), verifier: randomBytes(32), day: i % 2 ? '2026-11-20' : '2026-11-21' }));
    await sqlite.insertBatch(items);
    const ids = (await sqlite.inbox(A, { ...everything, limit: 1000 })).items.map((item) => item.id);
    await sqlite.acknowledge(A, ids.slice(0, 5));
    await sqlite.acknowledge(B, ids.slice(0, 2)); // erased: both editors have them
    await sqlite.setStatus(ids[3]!, 'in_review');
    await sqlite.withdraw(items[7]!.verifier);
    const team = [randomBytes(300), randomBytes(400), randomBytes(500)];
    for (const record of team) await sqlite.appendTeamRecord(record, '2026-11-20');
    await sqlite.applyRetention('2026-01-01'); // nothing that old: every record stays
    const plain = (records: TeamRecord[]) => records.map((r) => ({ ...r, record: Buffer.from(r.record).toString('hex') }));
    const teamBefore = plain(await sqlite.teamLog(0, 100, 1e9));
    const before = await view(sqlite, items.map((item) => item.verifier));
    await sqlite.close();
    const fileBefore = readFileSync(file);

    const first = await migrate('--from', `sqlite:${file}`, '--to', database.url);
    expect(first.stdout).toMatch(/450 of 450 submissions/);
    expect(first.stdout).toMatch(/done: 450 submissions, 447 envelopes, 3 acks and 0 messages new/);
    const second = await migrate('--from', `sqlite:${file}`, '--to', database.url);
    expect(second.stdout).toMatch(/done: 450 submissions, 0 envelopes, 0 acks and 0 messages new/);
    expect(readFileSync(file).equals(fileBefore)).toBe(true);

    const postgres = await PostgresStore.open(database.url, [A, B]);
    cleanup.push(() => postgres.close());
    expect(await view(postgres, items.map((item) => item.verifier))).toEqual(before);
    // The team log keeps its positions (editors' cursors), and new records come after them.
    expect(first.stdout).toMatch(/3 team log records new/);
    expect(second.stdout).toMatch(/0 team log records new/);
    expect(plain(await postgres.teamLog(0, 100, 1e9))).toEqual(teamBefore);
    expect(await postgres.appendTeamRecord(randomBytes(10), '2026-11-21')).toBeGreaterThan(teamBefore.at(-1)!.seq);
  });

  it('refuses a bad command line with its usage', async () => {
    await expect(migrate('--from', 'nowhere', '--to', 'postgres://x')).rejects.toMatchObject({ code: 2, stdout: expect.stringMatching(/usage: sotto-server migrate/) });
  });
});
