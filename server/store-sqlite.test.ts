import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSpentTokens, describeSubmissionStore } from '../test/server/store-contract.ts';
import { tempDir } from '../test/support/server.ts';
import { MemorySpentTokens } from './memory-spent-tokens.ts';
import { StoreUnavailableError, type NewSubmission, type SubmissionStore } from './store.ts';
import { nextVacuumStepPages, SqliteStore } from './store-sqlite.ts';
import { ThreadedStore } from './store-threaded.ts';
import { APPLICATION_ID, AUTO_VACUUM_INCREMENTAL, SCHEMA_VERSION } from './store-sqlite-schema.ts';

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

describeSubmissionStore('SQLite on its own thread', async () => {
  const { dir, remove } = tempDir();
  const opened: SubmissionStore[] = [];
  return {
    open: async (editors) => {
      const store = await ThreadedStore.open(path.join(dir, 'sotto.db'), editors, { reserveBytes: 0 });
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
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(AUTO_VACUUM_INCREMENTAL);
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

  it('maintain() rewrites envelopes so the file layout forgets the order of arrival', async () => {
    const clock = { ms: Date.UTC(2026, 10, 20, 12) };
    const store = new SqliteStore(file, EDITORS, { nowMs: () => clock.ms });
    const arrivals = Array.from({ length: 12 }, () => submission());
    for (const item of arrivals) await store.insertBatch([item]); // one commit each, in this order
    /** Where a slice from the middle of each envelope (an overflow page, not the row's own
     * page, which the index orders anyway) sits in the database file. */
    const layout = () => {
      const bytes = readFileSync(file);
      return arrivals.map((item) => bytes.indexOf(Buffer.from(item.envelope.subarray(10_000, 10_032))));
    };
    const increasing = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);
    await store.close();
    const arrived = layout();
    expect(arrived.every((offset) => offset >= 0)).toBe(true);
    expect(increasing(arrived)).toBe(true); // without upkeep the file shows the order of arrival

    const reopened = new SqliteStore(file, EDITORS, { nowMs: () => clock.ms });
    clock.ms += 60 * 60 * 1000; // one relayout period
    for (let step = 0; step < 3; step++) await reopened.maintain();
    await reopened.close(); // empties the WAL, so the database file holds everything
    const relaid = layout();
    expect(relaid.every((offset) => offset >= 0)).toBe(true);
    // Rewritten in id order (random), twelve rows come out in arrival order with probability 1/12!.
    expect(increasing(relaid)).toBe(false);
  });

  it('maintain() rewrites story messages with their stories, so their layout forgets the order of arrival too', async () => {
    const clock = { ms: Date.UTC(2026, 10, 20, 12) };
    const store = new SqliteStore(file, EDITORS, { nowMs: () => clock.ms });
    const stories = Array.from({ length: 12 }, () => submission());
    await store.insertBatch(stories);
    const [A] = EDITORS as [string];
    // Every editor pulls: the envelopes go, the conversations stay (a story with no envelope).
    const ids = (await store.inbox(A, everything)).items.map((item) => item.id);
    for (const editor of EDITORS) await store.acknowledge(editor, ids);
    const messages = stories.map(() => new Uint8Array(randomBytes(12_000)));
    for (const [i, story] of stories.entries()) {
      expect(await store.addMessage({ verifier: story.verifier }, { day: '2026-11-20', envelope: messages[i]!, maxMessages: 5 })).toBe('stored');
    }
    const layout = () => {
      const bytes = readFileSync(file);
      return messages.map((m) => bytes.indexOf(Buffer.from(m.subarray(6_000, 6_032))));
    };
    const increasing = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);
    await store.close();
    expect(increasing(layout())).toBe(true); // without upkeep the file shows the order of arrival

    const reopened = new SqliteStore(file, EDITORS, { nowMs: () => clock.ms });
    clock.ms += 60 * 60 * 1000;
    // The erased envelopes' pages are returned first (once erasures have settled), then the sweep runs.
    for (let step = 0; step < 6; step++) {
      clock.ms += 10_000;
      await reopened.maintain();
    }
    const kept = await Promise.all(stories.map((story) => reopened.messagesOf({ verifier: story.verifier })));
    expect(kept.map((list) => Buffer.from(list[0]!.envelope).equals(messages[kept.indexOf(list)]!))).toEqual(stories.map(() => true));
    await reopened.close();
    const relaid = layout();
    expect(relaid.every((offset) => offset >= 0)).toBe(true);
    expect(increasing(relaid)).toBe(false);
  });

  it('keeps what a removed editor never pulled until forgetEditor, and says so', async () => {
    const [A, B] = EDITORS as [string, string];
    const store = new SqliteStore(file, EDITORS);
    const s = submission();
    await store.insertBatch([s]);
    const [item] = (await store.inbox(A, everything)).items;
    await store.acknowledge(A, [item!.id]);
    await store.close();

    const fewer = new SqliteStore(file, [A]); // editor B was removed from the key list
    expect(await fewer.formerEditors('2026-11-21')).toEqual([{ editor: B, waiting: 1, sinceDay: '2026-11-21' }]);
    expect(await fewer.formerEditors('2026-11-30')).toEqual([{ editor: B, waiting: 1, sinceDay: '2026-11-21' }]);
    expect(filesContain(s.envelope).length).toBeGreaterThan(0);
    await fewer.close();

    const back = new SqliteStore(file, EDITORS); // B's line is back: nothing was lost
    expect(await back.formerEditors('2026-12-01')).toEqual([]);
    expect((await back.inbox(B, everything)).items.map((entry) => Buffer.from(entry.envelope))).toEqual([s.envelope]);
    await back.close();

    const again = new SqliteStore(file, [A]);
    expect(await again.formerEditors('2026-12-02')).toEqual([{ editor: B, waiting: 1, sinceDay: '2026-12-02' }]);
    await expect(again.forgetEditor(A)).rejects.toThrow(/still configured/);
    expect(await again.forgetEditor(B)).toBe(1);
    expect(await again.formerEditors('2026-12-02')).toEqual([]);
    expect(await again.usedBytes()).toBe(128);
    expect(filesContain(s.envelope)).toEqual([]);
    await again.close();
  });

  it('refuses a second store on the same file while the first is open', async () => {
    const first = new SqliteStore(file, EDITORS);
    expect(() => new SqliteStore(file, EDITORS)).toThrow(/in use by another Sotto server/);
    await first.close();
    await new SqliteStore(file, EDITORS).close(); // free again once the first has closed
  });

  it('answers StoreUnavailableError, storing nothing, once its file was deleted under it', async () => {
    const store = new SqliteStore(file, EDITORS);
    expect(await store.insertBatch([submission()])).toEqual(['stored']);
    dir.remove();
    await expect(store.insertBatch([submission()])).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });

  it('keeps a reserve file beside the database', async () => {
    const store = new SqliteStore(file, EDITORS, { reserveBytes: 3 * 1024 * 1024 });
    expect(statSync(`${file}.reserve`).size).toBe(3 * 1024 * 1024);
    await store.close();
  });

  it('returns freed pages in steps once erasures have paused, and the file shrinks', async () => {
    const clock = { ms: Date.UTC(2026, 10, 20, 12) };
    const store = new SqliteStore(file, EDITORS, { nowMs: () => clock.ms });
    const items = Array.from({ length: 40 }, () => submission());
    await store.insertBatch(items);
    await store.withdraw(items[0]!.verifier); // its checkpoint brings everything into the file
    const full = statSync(file).size;
    for (const item of items.slice(1)) await store.withdraw(item.verifier);
    expect(statSync(file).size).toBe(full); // erasure itself returns nothing: the pages are zeroed and free
    expect(await store.maintain()).toBe(false); // erasures just happened: a pull may still be running
    expect(statSync(file).size).toBe(full);
    clock.ms += 5_000;
    while (await store.maintain());
    expect(statSync(file).size).toBeLessThan(full / 4);
    await store.close();
  });
});

describe('nextVacuumStepPages', () => {
  it('halves a step that held the database too long and doubles a quick one, within bounds', () => {
    expect(nextVacuumStepPages(1024, 500)).toBe(512);
    expect(nextVacuumStepPages(1024, 5)).toBe(2048);
    expect(nextVacuumStepPages(1024, 40)).toBe(1024);
    let pages = 4096;
    for (let step = 0; step < 20; step++) pages = nextVacuumStepPages(pages, 10_000);
    expect(pages).toBe(16); // never none: the file still shrinks on the slowest machine
    for (let step = 0; step < 20; step++) pages = nextVacuumStepPages(pages, 0);
    expect(pages).toBe(4096);
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
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(AUTO_VACUUM_INCREMENTAL); // was FULL
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

  it('refuses, at open, a database with a damaged page in any table but the envelopes', async () => {
    const store = new SqliteStore(file, EDITORS);
    await store.insertBatch(Array.from({ length: 50 }, () => submission()));
    await store.close();
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'pending_by_id'").pluck().get() as number;
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0, (root - 1) * pageSize, root * pageSize);
    writeFileSync(file, bytes);
    expect(() => new SqliteStore(file, EDITORS)).toThrow(/sotto\.db is damaged \(table pending/);
  });

  it('refuses a database created without auto_vacuum', () => {
    const db = new Database(file);
    db.exec(UNVERSIONED);
    db.close();
    expect(() => new SqliteStore(file, EDITORS)).toThrow(/auto_vacuum/);
  });
});
