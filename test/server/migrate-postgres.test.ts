// `sotto-server migrate --from sqlite:PATH --to postgres://…` as a process: everything a SQLite
// server held (envelopes, acks, statuses, withdrawals, pictures, the team log, the quota) is in PostgreSQL afterwards,
// the SQLite file is unchanged, and a second run copies nothing twice.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { sealedAttachmentSize, sealedChunkCount, sealedChunkSize } from '../../crypto/attachment-format.ts';
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
    // A story with two pictures (four sealed chunks), bound in its commit.
    const pictured = { id: randomBytes(32), day: '2026-11-21', files: [sealedAttachmentSize(140_000), sealedAttachmentSize(5000)] };
    expect(await sqlite.createUpload(pictured, Number.MAX_SAFE_INTEGER)).toBe('stored');
    const chunks = new Map<string, Uint8Array>();
    for (const [file, size] of pictured.files.entries()) {
      for (let chunk = 0; chunk < sealedChunkCount(size); chunk++) {
        const bytes = randomBytes(sealedChunkSize(size, chunk));
        expect(await sqlite.putChunk(pictured.id, file, chunk, bytes)).toBe(true);
        chunks.set(`${file}.${chunk}`, bytes);
      }
    }
    const story = { envelope: randomBytes(900), verifier: randomBytes(32), day: '2026-11-21', upload: pictured.id };
    await sqlite.insertBatch([story]);
    items.push(story);
    const storyId = (await sqlite.inbox(A, { ...everything, limit: 1000 })).items.find((item) => item.attachments.length > 0)!.id;
    const team = [randomBytes(300), randomBytes(400), randomBytes(500)];
    for (const record of team) await sqlite.appendTeamRecord(record, '2026-11-20');
    await sqlite.applyRetention('2026-01-01'); // nothing that old: every record stays
    const plain = (records: TeamRecord[]) => records.map((r) => ({ ...r, record: Buffer.from(r.record).toString('hex') }));
    const teamBefore = plain(await sqlite.teamLog(0, 100, 1e9));
    const before = await view(sqlite, items.map((item) => item.verifier));
    await sqlite.close();
    const fileBefore = readFileSync(file);

    const first = await migrate('--from', `sqlite:${file}`, '--to', database.url);
    expect(first.stdout).toMatch(/451 of 451 submissions/);
    expect(first.stdout).toMatch(/done: 451 submissions, 448 envelopes, 3 acks and 0 messages new/);
    const second = await migrate('--from', `sqlite:${file}`, '--to', database.url);
    expect(second.stdout).toMatch(/done: 451 submissions, 0 envelopes, 0 acks and 0 messages new/);
    expect(readFileSync(file).equals(fileBefore)).toBe(true);

    const postgres = await PostgresStore.open(database.url, [A, B]);
    cleanup.push(() => postgres.close());
    expect(await view(postgres, items.map((item) => item.verifier))).toEqual(before);
    // The team log keeps its positions (editors' cursors), and new records come after them.
    expect(first.stdout).toMatch(/1 stories' pictures and 3 team log records new/);
    expect(second.stdout).toMatch(/0 stories' pictures and 0 team log records new/);
    // The pictures arrive whole: the inbox names their sizes, every chunk is there byte for byte
    // (and the quota above, compared with SQLite's, counts them once).
    expect((await postgres.inbox(A, { ...everything, limit: 1000 })).items.find((item) => Buffer.from(item.id).equals(storyId))?.attachments).toEqual(pictured.files);
    for (const [key, bytes] of chunks) {
      const [file, chunk] = key.split('.').map(Number) as [number, number];
      expect(Buffer.from((await postgres.attachmentChunk(A, storyId, file, chunk))!).equals(bytes)).toBe(true);
    }
    expect(plain(await postgres.teamLog(0, 100, 1e9))).toEqual(teamBefore);
    expect(await postgres.appendTeamRecord(randomBytes(10), '2026-11-21')).toBeGreaterThan(teamBefore.at(-1)!.seq);
  });

  it('refuses a bad command line with its usage', async () => {
    await expect(migrate('--from', 'nowhere', '--to', 'postgres://x')).rejects.toMatchObject({ code: 2, stdout: expect.stringMatching(/usage: sotto-server migrate/) });
  });
});
