import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSpentTokens, describeSubmissionStore } from '../test/server/store-contract.ts';
import { tempDir } from '../test/support/server.ts';
import { MemorySpentTokens } from './memory-spent-tokens.ts';
import type { NewSubmission, SubmissionStore } from './store.ts';
import { SqliteStore } from './store-sqlite.ts';
import { APPLICATION_ID, SCHEMA_VERSION } from './store-sqlite-schema.ts';

describeSubmissionStore('SQLite', async () => {
  const { dir, remove } = tempDir();
  const opened: SubmissionStore[] = [];
  return {
    open: async (editors) => {
      const store = new SqliteStore(path.join(dir, 'sotto.db'), editors);
      opened.push(store);
      return store;
    },
    destroy: async () => {
      for (const store of opened) await store.close();
      remove();
    },
  };
});

describeSpentTokens('in memory', async (nowS) => new MemorySpentTokens(100, nowS));

const EDITORS = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'];
let dir: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  dir = tempDir();
  file = path.join(dir.dir, 'sotto.db');
});
afterEach(() => dir.remove());

/** Random envelope-sized content: easy to search for in the raw files. */
const submission = (day = '2026-11-20'): NewSubmission => ({ envelope: randomBytes(20_000), verifier: randomBytes(32), day });

/** Files holding any 32-byte slice of `needle` (the first bytes stay in the row's own page;
 * the rest spill to overflow pages, which are freed differently). */
function filesContain(needle: Uint8Array): string[] {
  const probes: Buffer[] = [];
  for (let offset = 0; offset + 32 <= needle.length; offset += 512) probes.push(Buffer.from(needle.subarray(offset, offset + 32)));
  return readdirSync(dir.dir).filter((name) => {
    const bytes = readFileSync(path.join(dir.dir, name));
    return probes.some((probe) => bytes.includes(probe));
  });
}

const everything = { limit: 100, maxBytes: 1e9, cursor: undefined };

describe('SqliteStore', () => {

  it('sets the erasure and durability pragmas and marks the file as Sotto\'s', async () => {
    await new SqliteStore(file, EDITORS).close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('stores only id, day, verifier, status and the envelope', async () => {
    const store = new SqliteStore(file, EDITORS);
    await store.insertBatch([submission()]);
    await store.close();
    const db = new Database(file, { readonly: true });
    const columns = (table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    expect(columns('submissions')).toEqual(['id', 'day', 'verifier', 'status']);
    expect(columns('envelopes')).toEqual(['id', 'bytes']);
    expect(columns('acks')).toEqual(['id', 'editor']);
    db.close();
  });

  it('erased envelopes leave no bytes in the database, WAL or any other file', async () => {
    const store = new SqliteStore(file, EDITORS);
    const kept = submission();
    const withdrawn = submission();
    const acked = submission();
    await store.insertBatch([kept, withdrawn, acked]);
    expect(filesContain(withdrawn.envelope).length).toBeGreaterThan(0);
    await store.withdraw(withdrawn.verifier);
    const ackedId = (await store.inbox(EDITORS[0]!, everything)).items.find((item) => Buffer.from(item.envelope).equals(acked.envelope))!.id;
    await store.acknowledge(EDITORS[0]!, [ackedId]);
    expect(filesContain(acked.envelope).length).toBeGreaterThan(0);
    expect(await store.acknowledge(EDITORS[1]!, [ackedId])).toEqual({ acknowledged: 1, erased: 1 });
    expect(filesContain(withdrawn.envelope)).toEqual([]);
    expect(filesContain(acked.envelope)).toEqual([]);
    expect(filesContain(kept.envelope).length).toBeGreaterThan(0);
    await store.close();
  });

  it('retention leaves no bytes of what it erased', async () => {
    const store = new SqliteStore(file, EDITORS);
    const old = submission('2026-01-01');
    await store.insertBatch([old, submission('2026-11-20')]);
    expect(await store.applyRetention('2026-06-01')).toBe(1);
    expect(filesContain(old.envelope)).toEqual([]);
    await store.close();
  });

  it('maintain() leaves no trace of the order of arrival in the file layout', async () => {
    const store = new SqliteStore(file, EDITORS);
    const arrivals = Array.from({ length: 12 }, () => submission());
    for (const item of arrivals) await store.insertBatch([item]); // one commit each, in this order
    while (await store.maintain());
    await store.close(); // empties the WAL, so the database file holds everything
    const bytes = readFileSync(file);
    const layout = arrivals.map((item) => bytes.indexOf(Buffer.from(item.envelope.subarray(0, 32))));
    const increasing = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);
    expect(layout.every((offset) => offset >= 0)).toBe(true);
    // Sorted by random id, twelve rows come out in arrival order with probability 1/12!.
    expect(increasing(layout)).toBe(false);
  });

  it('on reopen: forgets former editors, erases what every current editor acked', async () => {
    const store = new SqliteStore(file, EDITORS);
    const s = submission();
    await store.insertBatch([s]);
    const [item] = (await store.inbox(EDITORS[0]!, { limit: 1, maxBytes: 1e9, cursor: undefined })).items;
    await store.acknowledge(EDITORS[0]!, [item!.id]);
    await store.close();
    const fewer = new SqliteStore(file, [EDITORS[0]!]); // editor b was removed from the key list
    expect(await fewer.usedBytes()).toBe(128);
    expect(filesContain(s.envelope)).toEqual([]);
    await fewer.close();
  });
});

describe('SqliteStore schema versions', () => {
  /** The tables exactly as Sotto created them before the database carried a version. */
  const UNVERSIONED = `
    CREATE TABLE submissions (
      id BLOB PRIMARY KEY CHECK (length(id) = 16),
      day TEXT NOT NULL CHECK (length(day) = 10),
      verifier BLOB NOT NULL UNIQUE CHECK (length(verifier) = 32),
      status TEXT NOT NULL CHECK (status IN ('received', 'in_review', 'published', 'declined', 'withdrawn'))
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX submissions_by_day ON submissions (day, id);
    CREATE TABLE envelopes (id BLOB PRIMARY KEY REFERENCES submissions (id), bytes BLOB NOT NULL) STRICT, WITHOUT ROWID;
    CREATE TABLE acks (id BLOB NOT NULL REFERENCES submissions (id), editor TEXT NOT NULL, PRIMARY KEY (id, editor)) STRICT, WITHOUT ROWID;`;

  function unversionedDatabase(rows: { id: Buffer; verifier: Buffer; envelope: Buffer; ackedBy?: string }[]): void {
    const db = new Database(file);
    db.pragma('auto_vacuum = FULL');
    db.pragma('journal_mode = WAL');
    db.exec(UNVERSIONED);
    for (const row of rows) {
      db.prepare("INSERT INTO submissions VALUES (?, '2026-11-20', ?, 'received')").run(row.id, row.verifier);
      db.prepare('INSERT INTO envelopes VALUES (?, ?)').run(row.id, row.envelope);
      if (row.ackedBy) db.prepare('INSERT INTO acks VALUES (?, ?)').run(row.id, row.ackedBy);
    }
    db.close();
  }

  it('migrates a database from before versions, keeping every submission, envelope and ack', async () => {
    const rows = [
      { id: randomBytes(16), verifier: randomBytes(32), envelope: randomBytes(5000), ackedBy: EDITORS[0]! },
      { id: randomBytes(16), verifier: randomBytes(32), envelope: randomBytes(5000) },
    ];
    unversionedDatabase(rows);
    const store = new SqliteStore(file, EDITORS);
    const inboxA = (await store.inbox(EDITORS[0]!, everything)).items;
    const inboxB = (await store.inbox(EDITORS[1]!, everything)).items;
    expect(inboxA.map((item) => Buffer.from(item.envelope))).toEqual([rows[1]!.envelope]);
    expect(inboxB).toHaveLength(2);
    expect(await store.statusOf(rows[0]!.verifier)).toBe('received');
    expect(await store.usedBytes()).toBe(2 * (5000 + 128));
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
  });

  it('refuses a database of a newer version, and changes nothing in it', async () => {
    await new SqliteStore(file, EDITORS).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);
    expect(() => new SqliteStore(file, EDITORS)).toThrow(new RegExp(`newer Sotto \\(schema version ${SCHEMA_VERSION + 1}`));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database of another program', () => {
    const db = new Database(file);
    db.pragma('auto_vacuum = FULL');
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => new SqliteStore(file, EDITORS)).toThrow(/not a Sotto database/);
    const other = new Database(file);
    other.pragma('application_id = 42');
    other.close();
    expect(() => new SqliteStore(file, EDITORS)).toThrow(/not a Sotto database \(application id 42\)/);
  });

  it('refuses a database created without auto_vacuum', () => {
    const db = new Database(file);
    db.exec(UNVERSIONED);
    db.close();
    expect(() => new SqliteStore(file, EDITORS)).toThrow(/auto_vacuum/);
  });
});
