// The SQLite engine behind the storage seam (server/store.ts; SECURITY.md §5). Tables:
//   submissions: id (16 random bytes), day received (UTC YYYY-MM-DD), receipt verifier, status
//   envelopes:   id, the envelope bytes — deleted (and overwritten) once erased
//   acks:        (id, editor key id) for editors who pulled an envelope not yet erased
// Tables are WITHOUT ROWID and keyed by the random id, and the inbox orders by (day, id): no
// column or sequence records the order in which submissions arrived within a day.
//
// Durability and erasure: WAL with synchronous=FULL (the WAL is fsynced at every commit, one
// fsync per group commit — a rollback journal needs three); secure_delete=ON overwrites freed
// content; auto_vacuum=FULL (set before the first table exists) returns freed pages so the file
// shrinks; every erasure ends with a TRUNCATE checkpoint so erased bytes leave the WAL too.
// temp_store=MEMORY keeps sort spills out of temporary files.
//
// The database says what it is: application_id marks it as Sotto's and user_version is the schema
// version (server/store-sqlite-schema.ts), so a file from a newer Sotto or another program is
// refused at open instead of answering 500 later.

import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { checkSchema, updateSchema } from './store-sqlite-schema.ts';
import {
  chargeFor,
  ROW_OVERHEAD_BYTES,
  StoreFullError,
  type EditorStatus,
  type InboxItem,
  type InboxPage,
  type InboxRequest,
  type InsertResult,
  type NewSubmission,
  type Status,
  type SubmissionStore,
} from './store.ts';

export class SqliteStore implements SubmissionStore {
  readonly #db: Database.Database;
  readonly #editors: ReadonlySet<string>;
  readonly #insertOne: (item: NewSubmission) => void;
  readonly #findByVerifier: Database.Statement<[Uint8Array], { id: Uint8Array; status: Status }>;
  #usedBytes: number;

  /**
   * Opens (creating if needed) the database at `file` and brings its schema up to date.
   * `editorKeyIds` are the configured editors (hex): acks from editors no longer configured are
   * dropped, and envelopes every current editor has acknowledged are erased. Throws
   * StoreVersionError for a database of a newer version or of another program, or one created
   * without auto_vacuum (its freed pages would keep erased bytes).
   */
  constructor(file: string, editorKeyIds: readonly string[]) {
    this.#editors = new Set(editorKeyIds);
    this.#db = new Database(file);
    const db = this.#db;
    try {
      const schema = checkSchema(db, file);
      db.pragma('auto_vacuum = FULL'); // effective only before the first table
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('secure_delete = ON');
      db.pragma('trusted_schema = OFF');
      db.pragma('foreign_keys = ON');
      db.pragma('temp_store = MEMORY');
      db.pragma('journal_size_limit = 16777216');
      updateSchema(db, schema);
    } catch (error) {
      db.close();
      throw error;
    }
    // Prepared once: these run on every submission and status request.
    const insertSubmission = db.prepare("INSERT INTO submissions (id, day, verifier, status) VALUES (?, ?, ?, 'received')");
    const insertEnvelope = db.prepare('INSERT INTO envelopes (id, bytes) VALUES (?, ?)');
    this.#insertOne = db.transaction((item: NewSubmission) => {
      const id = randomBytes(16);
      insertSubmission.run(id, item.day, item.verifier);
      insertEnvelope.run(id, item.envelope);
    });
    this.#findByVerifier = db.prepare('SELECT id, status FROM submissions WHERE verifier = ?');
    this.#usedBytes = this.#measureUsage();
    this.#forgetFormerEditors();
    this.#eraseWhereAllAcknowledged();
  }

  /** Bytes charged against the storage quota: envelopes plus a fixed cost per row. */
  async usedBytes(): Promise<number> {
    return this.#usedBytes;
  }

  /**
   * Stores a batch in one transaction (one fsync). Each item is inserted under its own savepoint,
   * so one duplicate receipt verifier fails that item only. Returns one result per item, in order.
   * Throws (and stores nothing) if the transaction itself fails, e.g. a full disk.
   */
  async insertBatch(items: readonly NewSubmission[]): Promise<InsertResult[]> {
    const results = this.#write(() =>
      items.map((item) => {
        try {
          this.#insertOne(item);
          return 'stored' as const;
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return 'duplicate-receipt' as const;
          throw error;
        }
      }),
    );
    results.forEach((result, i) => {
      if (result === 'stored') this.#usedBytes += chargeFor(items[i]!.envelope.length);
    });
    return results;
  }

  async statusOf(verifier: Uint8Array): Promise<Status | undefined> {
    return this.#findByVerifier.get(verifier)?.status;
  }

  /** Erases the envelope and sets `withdrawn` (idempotent). Undefined for an unknown verifier. */
  async withdraw(verifier: Uint8Array): Promise<Status | undefined> {
    const row = this.#findByVerifier.get(verifier);
    if (!row) return undefined;
    this.#write(() => {
      this.#db.prepare("UPDATE submissions SET status = 'withdrawn' WHERE id = ?").run(row.id);
      this.#erase(row.id);
    });
    this.#checkpoint();
    return 'withdrawn';
  }

  /** Envelopes `editor` has not acknowledged, oldest day first, after `cursor`: at most `limit`
   * items and, beyond the first, at most `maxBytes` of envelopes (2 MiB envelopes would
   * otherwise make pages of hundreds of megabytes). */
  async inbox(editor: string, options: InboxRequest): Promise<InboxPage> {
    const pending = `FROM submissions s JOIN envelopes e ON e.id = s.id
      WHERE (s.day, s.id) > (@day, @id)
        AND NOT EXISTS (SELECT 1 FROM acks a WHERE a.id = s.id AND a.editor = @editor)`;
    const start = { editor, day: options.cursor?.day ?? '', id: options.cursor?.id ?? new Uint8Array(0) };
    const rows = this.#db
      .prepare(`SELECT s.id, s.day, e.bytes AS envelope ${pending} ORDER BY s.day, s.id LIMIT @limit`)
      .iterate({ ...start, limit: options.limit }) as IterableIterator<InboxItem>;
    const items: InboxItem[] = [];
    let bytes = 0;
    for (const row of rows) {
      if (items.length > 0 && bytes + row.envelope.length > options.maxBytes) break;
      items.push(row);
      bytes += row.envelope.length;
    }
    const last = items.at(-1);
    const remaining = last
      ? (this.#db.prepare(`SELECT count(*) ${pending}`).pluck().get({ editor, day: last.day, id: last.id }) as number)
      : 0;
    const withdrawn = this.#db.prepare("SELECT id FROM submissions WHERE status = 'withdrawn' ORDER BY id").pluck().all() as Uint8Array[];
    return { items, remaining, withdrawn };
  }

  /** Records `editor`'s acknowledgements; erases every envelope all configured editors have now
   * acknowledged. Unknown or already erased ids are ignored. */
  async acknowledge(editor: string, ids: readonly Uint8Array[]): Promise<{ acknowledged: number; erased: number }> {
    const insert = this.#db.prepare('INSERT OR IGNORE INTO acks (id, editor) SELECT id, ? FROM envelopes WHERE id = ?');
    const countAcks = this.#db.prepare('SELECT count(*) FROM acks WHERE id = ?').pluck();
    let acknowledged = 0;
    let erased = 0;
    this.#write(() => {
      for (const id of ids) {
        if (insert.run(editor, id).changes === 0) continue;
        acknowledged++;
        if ((countAcks.get(id) as number) >= this.#editors.size) erased += this.#erase(id) ? 1 : 0;
      }
    });
    if (erased > 0) this.#checkpoint();
    return { acknowledged, erased };
  }

  async setStatus(id: Uint8Array, status: EditorStatus): Promise<'ok' | 'unknown' | 'withdrawn'> {
    return this.#write(() => {
      const row = this.#db.prepare('SELECT status FROM submissions WHERE id = ?').get(id) as { status: Status } | undefined;
      if (!row) return 'unknown' as const;
      if (row.status === 'withdrawn') return 'withdrawn' as const;
      this.#db.prepare('UPDATE submissions SET status = ? WHERE id = ?').run(status, id);
      return 'ok' as const;
    });
  }

  /** Retention (SOTTO_RETENTION_DAYS); see SubmissionStore.applyRetention. */
  async applyRetention(cutoffDay: string): Promise<number> {
    const stale = this.#db
      .prepare('SELECT s.id, EXISTS (SELECT 1 FROM acks a WHERE a.id = s.id) AS pulled FROM submissions s JOIN envelopes e ON e.id = s.id WHERE s.day < ?')
      .all(cutoffDay) as { id: Uint8Array; pulled: number }[];
    if (stale.length === 0) return 0;
    this.#write(() => {
      for (const { id, pulled } of stale) {
        this.#erase(id);
        if (!pulled) {
          this.#db.prepare('DELETE FROM submissions WHERE id = ?').run(id);
          this.#usedBytes -= ROW_OVERHEAD_BYTES;
        }
      }
    });
    this.#checkpoint();
    return stale.length;
  }

  /**
   * Rewrites the database in id order (VACUUM) and empties the WAL. New envelopes are appended to
   * the end of the file, so between two compactions the physical order of their pages is their
   * order of arrival; ids are random, so after this the order says nothing (SECURITY.md §5).
   */
  async maintain(): Promise<boolean> {
    try {
      this.#db.exec('VACUUM');
    } catch (error) {
      throw translated(error);
    }
    this.#checkpoint();
    return false;
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    try {
      await this.maintain();
    } finally {
      this.#db.close();
    }
  }

  /** Runs `work` in an IMMEDIATE transaction (the write lock at once, so it cannot fail halfway
   * on a busy database), with engine errors turned into the seam's neutral ones. */
  #write<T>(work: () => T): T {
    try {
      return this.#db.transaction(work).immediate();
    } catch (error) {
      throw translated(error);
    }
  }

  /** Deletes an envelope (secure_delete overwrites its pages) and its now useless acks. */
  #erase(id: Uint8Array): boolean {
    const length = this.#db.prepare('SELECT length(bytes) FROM envelopes WHERE id = ?').pluck().get(id) as number | undefined;
    if (length === undefined) return false;
    this.#db.prepare('DELETE FROM envelopes WHERE id = ?').run(id);
    this.#db.prepare('DELETE FROM acks WHERE id = ?').run(id);
    this.#usedBytes -= length;
    return true;
  }

  /** Copies the WAL into the database and truncates it to zero bytes, so erased content
   * survives in neither file. */
  #checkpoint(): void {
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
  }

  #measureUsage(): number {
    const envelopes = this.#db.prepare('SELECT coalesce(sum(length(bytes)), 0) FROM envelopes').pluck().get() as number;
    const rows = this.#db.prepare('SELECT count(*) FROM submissions').pluck().get() as number;
    return envelopes + rows * ROW_OVERHEAD_BYTES;
  }

  #forgetFormerEditors(): void {
    const recorded = this.#db.prepare('SELECT DISTINCT editor FROM acks').pluck().all() as string[];
    const former = recorded.filter((editor) => !this.#editors.has(editor));
    for (const editor of former) this.#db.prepare('DELETE FROM acks WHERE editor = ?').run(editor);
  }

  #eraseWhereAllAcknowledged(): void {
    const done = this.#db
      .prepare('SELECT id FROM acks GROUP BY id HAVING count(*) >= ?')
      .pluck()
      .all(this.#editors.size) as Uint8Array[];
    if (done.length === 0) return;
    this.#write(() => done.forEach((id) => this.#erase(id)));
    this.#checkpoint();
  }
}

/** SQLite's "database or disk is full" becomes the seam's StoreFullError; anything else stays. */
function translated(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_FULL' ? new StoreFullError() : error;
}
