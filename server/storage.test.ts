import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store, type NewSubmission } from './storage.ts';
import { tempDir } from './test-support.ts';

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

describe('Store', () => {
  it('sets the erasure and durability pragmas', () => {
    new Store(file, EDITORS).close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database created without auto_vacuum', () => {
    const db = new Database(file);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => new Store(file, EDITORS)).toThrow(/auto_vacuum/);
  });

  it('stores only id, day, verifier, status and the envelope', () => {
    const store = new Store(file, EDITORS);
    store.insertBatch([submission()]);
    store.close();
    const db = new Database(file, { readonly: true });
    const columns = (table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    expect(columns('submissions')).toEqual(['id', 'day', 'verifier', 'status']);
    expect(columns('envelopes')).toEqual(['id', 'bytes']);
    expect(columns('acks')).toEqual(['id', 'editor']);
    db.close();
  });

  it('fails only the duplicate of a batch', () => {
    const store = new Store(file, EDITORS);
    const first = submission();
    expect(store.insertBatch([first])).toEqual(['stored']);
    const again = { ...submission(), verifier: first.verifier };
    expect(store.insertBatch([submission(), again, submission()])).toEqual(['stored', 'duplicate-receipt', 'stored']);
    expect(store.inbox(EDITORS[0]!, { limit: 100, maxBytes: 1e9, cursor: undefined }).items).toHaveLength(3);
    store.close();
  });

  it('erased envelopes leave no bytes in the database, WAL or any other file', () => {
    const store = new Store(file, EDITORS);
    const kept = submission();
    const withdrawn = submission();
    const acked = submission();
    store.insertBatch([kept, withdrawn, acked]);
    expect(filesContain(withdrawn.envelope).length).toBeGreaterThan(0);
    store.withdraw(withdrawn.verifier);
    const ackedId = store.inbox(EDITORS[0]!, { limit: 100, maxBytes: 1e9, cursor: undefined }).items
      .find((item) => Buffer.from(item.envelope).equals(acked.envelope))!.id;
    store.acknowledge(EDITORS[0]!, [ackedId]);
    expect(filesContain(acked.envelope).length).toBeGreaterThan(0);
    expect(store.acknowledge(EDITORS[1]!, [ackedId])).toEqual({ acknowledged: 1, erased: 1 });
    expect(filesContain(withdrawn.envelope)).toEqual([]);
    expect(filesContain(acked.envelope)).toEqual([]);
    expect(filesContain(kept.envelope).length).toBeGreaterThan(0);
    store.close();
  });

  it('compact() leaves no trace of the order of arrival in the file layout', () => {
    const store = new Store(file, EDITORS);
    const arrivals = Array.from({ length: 12 }, () => submission());
    for (const item of arrivals) store.insertBatch([item]); // one commit each, in this order
    const offsets = () => {
      store.compact(); // also empties the WAL, so the database file holds everything
      const bytes = readFileSync(file);
      return arrivals.map((item) => bytes.indexOf(Buffer.from(item.envelope.subarray(0, 32))));
    };
    const increasing = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);
    const layout = offsets();
    expect(layout.every((offset) => offset >= 0)).toBe(true);
    // Sorted by random id, twelve rows come out in arrival order with probability 1/12!.
    expect(increasing(layout)).toBe(false);
    store.close();
  });

  it('applies retention: unpulled rows vanish, pulled ones keep their status', () => {
    const store = new Store(file, EDITORS);
    const unpulled = submission('2026-01-01');
    const pulled = submission('2026-01-01');
    const recent = submission('2026-11-20');
    store.insertBatch([unpulled, pulled, recent]);
    const pulledId = store.inbox(EDITORS[0]!, { limit: 100, maxBytes: 1e9, cursor: undefined }).items
      .find((item) => Buffer.from(item.envelope).equals(pulled.envelope))!.id;
    store.acknowledge(EDITORS[0]!, [pulledId]);
    expect(store.applyRetention('2026-06-01')).toBe(2);
    expect(store.statusOf(unpulled.verifier)).toBeUndefined();
    expect(store.statusOf(pulled.verifier)).toBe('received');
    expect(store.inbox(EDITORS[1]!, { limit: 100, maxBytes: 1e9, cursor: undefined }).items).toHaveLength(1);
    expect(filesContain(unpulled.envelope)).toEqual([]);
    expect(filesContain(pulled.envelope)).toEqual([]);
    store.close();
  });

  it('on reopen: measures usage again, forgets former editors, erases what every current editor acked', () => {
    const store = new Store(file, EDITORS);
    const s = submission();
    store.insertBatch([s]);
    const [item] = store.inbox(EDITORS[0]!, { limit: 1, maxBytes: 1e9, cursor: undefined }).items;
    store.acknowledge(EDITORS[0]!, [item!.id]);
    const used = store.usedBytes;
    store.close();
    const same = new Store(file, EDITORS);
    expect(same.usedBytes).toBe(used);
    same.close();
    const fewer = new Store(file, [EDITORS[0]!]); // editor b was removed from the key list
    expect(fewer.usedBytes).toBe(128);
    expect(filesContain(s.envelope)).toEqual([]);
    fewer.close();
  });

  it('bounds an inbox page by bytes, always returning at least one item', () => {
    const store = new Store(file, EDITORS);
    store.insertBatch([submission(), submission(), submission()]);
    const page = store.inbox(EDITORS[0]!, { limit: 100, maxBytes: 30_000, cursor: undefined });
    expect(page.items).toHaveLength(1);
    expect(page.remaining).toBe(2);
    expect(store.inbox(EDITORS[0]!, { limit: 100, maxBytes: 1, cursor: undefined }).items).toHaveLength(1);
    store.close();
  });
});
