// The SQLite engine behind the storage seam (server/store.ts; SECURITY.md §5). Tables
// (server/store-sqlite-schema.ts):
//   submissions: id (16 random bytes), day received (UTC YYYY-MM-DD), receipt verifier, status
//   envelopes:   id, the envelope bytes — deleted (and overwritten) once erased
//   pending:     (editor key id, day, id) for each editor who has not yet pulled the envelope:
//                the inbox reads a page of it in order, and an envelope is erased when its last
//                row goes
//   acks:        (id, editor) for editors who pulled an envelope not yet erased (retention)
//   counters:    the bytes charged to the quota and each editor's backlog, kept in step with
//                every write so nothing ever counts over envelopes
//   messages:    (story id, seq, day, ciphertext) of replies and answers (crypto/message.ts),
//                erased on withdrawal, with their story's row, and by retention on their own day
//   uploads, attachment_chunks: sealed attachments, made before their story and bound to it in
//                the story's commit; erased with its envelope (#erase)
//   team_log:    position, day, ciphertext of the editors' shared review records (team-api.ts)
// Tables are WITHOUT ROWID and keyed by the random id, and the inbox orders by (day, id): no
// column or sequence records the order in which submissions arrived within a day.
//
// Durability and erasure: WAL with synchronous=FULL (the WAL is fsynced at every commit, one
// fsync per group commit); secure_delete=ON overwrites freed content; every erasure ends with a
// TRUNCATE checkpoint so erased bytes leave the WAL too (and one runs at open, for an erasure a
// crash interrupted). Freed pages are returned to the file system in small steps
// (auto_vacuum=INCREMENTAL, `maintain`), and `maintain` also rewrites stored envelopes (and their
// stories' messages) a few at a time in id order so the file's layout forgets the order of arrival
// (SECURITY.md §5 "File layout"). temp_store=MEMORY keeps sort spills out of temporary files.
//
// Safety at open: locking_mode=EXCLUSIVE plus a write at open hold the file for this process, so
// a second server on the same data dir is refused; a reserve file next to the database is given
// up when an erasure meets a full disk, so acknowledgements and withdrawals still work there; and
// each batch of submissions first checks that the file is still the one opened (a data dir
// deleted under the server turns submissions into 503, not a false 201).

import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureReserve, releaseReserve, reserveInPlace } from './disk-reserve.ts';
import { checkSchema, updateSchema } from './store-sqlite-schema.ts';
import {
  chargeFor,
  ROW_OVERHEAD_BYTES,
  StoreFullError,
  StoreUnavailableError,
  StoreVersionError,
  type EditorStatus,
  type FormerEditor,
  type InboxItem,
  type InboxPage,
  type InboxRequest,
  type InsertResult,
  type MessagesRequest,
  type NewMessage,
  type NewSubmission,
  type NewUpload,
  type Status,
  type StoredMessage,
  type StoryRef,
  type SubmissionStore,
  type TeamRecord,
  MAX_TEAM_LOG_BYTES,
  type AddMessageResult,
  uploadChargeFor,
} from './store.ts';
import { sealedChunkCount } from '../crypto/attachment-format.ts';

/** Thrown inside an item's savepoint to undo it: its upload cannot be bound. */
class UploadIncomplete extends Error {}

/** Given up to make room when an erasure meets a full disk: enough for the WAL of a few thousand
 * acknowledgements and the checkpoint after them. */
export const DEFAULT_RESERVE_BYTES = 32 * 1024 * 1024;
/** A step returning free pages holds the database about this long: the pages per step follow
 * how long the last step took. Their cost varies a hundredfold: a page at the file's end that is
 * free is cut off, a live one is moved into a hole, and finding a given page in a freelist of
 * hundreds of thousands (after a large pull) is slow, and slower still on a loaded machine. */
const VACUUM_STEP_TARGET_MS = 40;
const VACUUM_STEP_PAGES = { initial: 256, min: 16, max: 4096 };

/** The pages for the next step, from the last step's pages and duration (halved when it took
 * twice the target, doubled when half, within VACUUM_STEP_PAGES' bounds). */
export function nextVacuumStepPages(pages: number, tookMs: number): number {
  if (tookMs > 2 * VACUUM_STEP_TARGET_MS) return Math.max(VACUUM_STEP_PAGES.min, Math.floor(pages / 2));
  if (tookMs < VACUUM_STEP_TARGET_MS / 2) return Math.min(VACUUM_STEP_PAGES.max, pages * 2);
  return pages;
}
/** Free pages are returned once erasures have paused this long. Returning them moves the file's
 * last pages into the holes, so doing it while a pull erases page after page would move the same
 * envelopes again and again; once the pull is over, most of it is plain truncation. */
const VACUUM_SETTLE_MS = 5_000;
/** One full rewrite pass over the stored envelopes per this period (the hourly VACUUM's promise). */
const RELAYOUT_PERIOD_MS = 60 * 60 * 1000;
/** Bytes rewritten per step at most, so a step stays within a few tens of milliseconds. */
const RELAYOUT_STEP_MAX_BYTES = 4 * 1024 * 1024;
/** Rows erased per transaction by retention and forgetting, with the event loop free between. */
const ERASE_CHUNK = 256;
/** The inbox counts pending rows before a cursor up to this many; beyond, `remaining` is an
 * overestimate (only ever shown as progress). */
const REMAINING_COUNT_CAP = 10_000;

export interface SqliteStoreOptions {
  /** Bytes kept in reserve beside the database (0: none, for tests of the bare engine). */
  reserveBytes?: number;
  nowMs?: () => number;
}

const waitingCounter = (editor: string) => `waiting:${editor}`;
const USED_BYTES = 'used_bytes';
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SqliteStore implements SubmissionStore {
  readonly #file: string;
  readonly #db: Database.Database;
  readonly #editors: readonly string[];
  readonly #reserveFile: string;
  readonly #reserveBytes: number;
  readonly #nowMs: () => number;
  /** The database file as opened: its link count and identity are checked before each batch. */
  readonly #fd: number;
  readonly #ino: number;
  readonly #statements;
  #usedBytes: number;
  /** An erasure committed but its TRUNCATE checkpoint failed (full disk): retried by maintain. */
  #checkpointOwed = false;
  /** Where the relayout sweep stands (an id), and the bytes it may still rewrite now. */
  #sweepAfter: Uint8Array = randomBytes(16);
  #sweepBudget = 0;
  #sweepClock: number;
  /** The free page count last seen, and when erasures last changed it. */
  #lastFreePages = 0;
  #freedAt = 0;
  #vacuumStepPages = VACUUM_STEP_PAGES.initial;

  /**
   * Opens (creating if needed) the database at `file`, takes it for this process and brings its
   * schema up to date. `editorKeyIds` are the configured editors (hex); new submissions wait for
   * each of them. Throws StoreVersionError for a database of a newer version or of another
   * program, StoreUnavailableError if another process holds it, StoreFullError if the reserve
   * cannot be made.
   */
  constructor(file: string, editorKeyIds: readonly string[], options: SqliteStoreOptions = {}) {
    this.#file = file;
    this.#editors = [...editorKeyIds];
    this.#reserveFile = path.join(path.dirname(file), `${path.basename(file)}.reserve`);
    this.#reserveBytes = options.reserveBytes ?? DEFAULT_RESERVE_BYTES;
    this.#nowMs = options.nowMs ?? Date.now;
    this.#sweepClock = this.#nowMs();
    // No busy wait: the only other holder can be another server, and that is refused at once.
    this.#db = new Database(file, { timeout: 0 });
    const db = this.#db;
    try {
      db.pragma('locking_mode = EXCLUSIVE'); // before WAL, so no shared memory: one process only
      const schema = checkSchema(db, file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('secure_delete = ON');
      db.pragma('trusted_schema = OFF');
      db.pragma('foreign_keys = ON');
      db.pragma('temp_store = MEMORY');
      db.pragma('journal_size_limit = 16777216');
      // The WAL is copied back every 1 MiB of commits, so it never holds much the reserve cannot
      // cover: on a full disk, the checkpoint after an erasure must fit in what the reserve frees.
      db.pragma('wal_autocheckpoint = 256');
      db.prepare('BEGIN IMMEDIATE').run(); // takes the exclusive lock, held until close
      db.prepare('COMMIT').run();
      updateSchema(db, schema, { editorKeyIds: this.#editors });
    } catch (error) {
      db.close();
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
        throw new StoreUnavailableError(`${file} is in use by another Sotto server; stop it first (one server per data dir)`);
      }
      throw error;
    }
    this.#fd = openSync(file, 'r');
    this.#ino = fstatSync(this.#fd).ino;
    this.#statements = prepare(db);
    try {
      this.#makeRoomIfFull(() => this.#checkpoint());
      this.#checkSmallTables();
      // A reserve given up before a crash or stop: free pages go back to the file system first.
      if (!ensureReserve(this.#reserveFile, this.#reserveBytes)) this.#returnAllFreePages();
      if (!ensureReserve(this.#reserveFile, this.#reserveBytes)) {
        throw new StoreUnavailableError(
          `not enough free space beside ${file}: Sotto keeps ${Math.ceil(this.#reserveBytes / 2 ** 20)} MiB in reserve so that erasing works on a full disk; free some space and start again`,
        );
      }
    } catch (error) {
      this.#closeNow();
      throw error;
    }
    this.#usedBytes = this.#counter(USED_BYTES);
  }

  async usedBytes(): Promise<number> {
    return this.#usedBytes;
  }

  /**
   * Stores a batch in one transaction (one fsync). Each item is inserted under its own savepoint,
   * so one duplicate receipt verifier fails that item only.
   */
  async insertBatch(items: readonly NewSubmission[]): Promise<InsertResult[]> {
    this.#assertFileInPlace();
    const { insertSubmission, insertEnvelope, insertPending } = this.#statements;
    let added = 0;
    const insertOne = this.#db.transaction((item: NewSubmission) => {
      const id = randomBytes(16);
      insertSubmission.run(id, item.day, item.verifier);
      insertEnvelope.run(id, item.envelope);
      for (const editor of this.#editors) insertPending.run(editor, item.day, id);
      if (item.upload && this.#statements.bindUpload.run({ submission: id, upload: item.upload }).changes === 0) throw new UploadIncomplete();
    });
    const results = this.#write(() => {
      const outcome = items.map((item) => {
        try {
          insertOne(item);
          added += chargeFor(item.envelope.length);
          return 'stored' as const;
        } catch (error) {
          if (error instanceof UploadIncomplete) return 'upload-incomplete' as const;
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return 'duplicate-receipt' as const;
          throw error;
        }
      });
      const stored = outcome.filter((result) => result === 'stored').length;
      for (const editor of this.#editors) this.#addTo(waitingCounter(editor), stored);
      this.#addTo(USED_BYTES, added);
      return outcome;
    });
    this.#usedBytes += added;
    return results;
  }

  async statusOf(verifier: Uint8Array): Promise<Status | undefined> {
    return this.#statements.findByVerifier.get(verifier)?.status;
  }

  async withdraw(verifier: Uint8Array): Promise<Status | undefined> {
    const row = this.#statements.findByVerifier.get(verifier);
    if (!row) return undefined;
    this.#erasing(() => {
      this.#statements.setStatus.run('withdrawn', row.id);
      this.#erase(row.id);
      this.#eraseMessagesOf(row.id);
    });
    return 'withdrawn';
  }

  async addMessage(story: StoryRef, message: NewMessage): Promise<AddMessageResult> {
    const { messageCount, insertMessage } = this.#statements;
    const charge = chargeFor(message.envelope.length);
    const result = this.#write(() => {
      const row = this.#storyRow(story);
      if (!row) return 'unknown' as const;
      if (row.status === 'withdrawn') return 'withdrawn' as const;
      const { count, last } = messageCount.get(row.id)!;
      if (count >= message.maxMessages) return 'conversation-full' as const;
      insertMessage.run(row.id, last + 1, message.day, message.envelope);
      this.#addTo(USED_BYTES, charge);
      return 'stored' as const;
    });
    if (result === 'stored') this.#usedBytes += charge;
    return result;
  }

  async messagesOf(story: StoryRef): Promise<StoredMessage[]> {
    const row = this.#storyRow(story);
    return row ? this.#statements.messagesOfStory.all(row.id) : [];
  }

  async messagesSince(request: MessagesRequest): Promise<StoredMessage[]> {
    const after = request.after ?? { day: '', story: new Uint8Array(0), seq: 0 };
    return this.#statements.messagesAfter.all({ since: request.sinceDay, day: after.day, story: after.story, seq: after.seq, limit: request.limit });
  }

  /** A page of `editor`'s pending rows read from their index, then the envelopes of that page
   * only: the cost is the page's, however many envelopes are stored. */
  async inbox(editor: string, request: InboxRequest): Promise<InboxPage> {
    const { pendingPage, envelopeOf, pendingUpTo, withdrawn, filesOfSubmission } = this.#statements;
    const start = { editor, day: request.cursor?.day ?? '', id: request.cursor?.id ?? new Uint8Array(0), limit: request.limit };
    const items: InboxItem[] = [];
    let bytes = 0;
    for (const row of pendingPage.all(start)) {
      const envelope = envelopeOf.get(row.id);
      if (!envelope) continue; // cannot happen: erasure removes pending rows in the same transaction
      if (items.length > 0 && bytes + envelope.length > request.maxBytes) break;
      const files = filesOfSubmission.get(row.id);
      items.push({ id: row.id, day: row.day, envelope, attachments: files ? (JSON.parse(files) as number[]) : [] });
      bytes += envelope.length;
    }
    const last = items.at(-1);
    const before = last ? pendingUpTo.get({ editor, day: last.day, id: last.id, cap: REMAINING_COUNT_CAP })! : 0;
    const remaining = last ? Math.max(0, this.#counter(waitingCounter(editor)) - before) : 0;
    // Every page would repeat the same list: only the first carries it (docs/API.md).
    return { items, remaining, withdrawn: request.cursor ? [] : withdrawn.all() };
  }

  async acknowledge(editor: string, ids: readonly Uint8Array[]): Promise<{ acknowledged: number; erased: number }> {
    const { deletePending, insertAck, stillPending } = this.#statements;
    return this.#erasing(() => {
      let acknowledged = 0;
      let erased = 0;
      for (const id of ids) {
        if (deletePending.run(id, editor).changes === 0) continue;
        acknowledged++;
        insertAck.run(id, editor);
        this.#addTo(waitingCounter(editor), -1);
        if (!stillPending.get(id)) erased += this.#erase(id) ? 1 : 0;
      }
      return { acknowledged, erased };
    });
  }

  async setStatus(id: Uint8Array, status: EditorStatus): Promise<'ok' | 'unknown' | 'withdrawn'> {
    return this.#write(() => {
      const row = this.#statements.statusById.get(id);
      if (!row) return 'unknown' as const;
      if (row.status === 'withdrawn') return 'withdrawn' as const;
      this.#statements.setStatus.run(status, id);
      return 'ok' as const;
    });
  }

  async appendTeamRecord(record: Uint8Array, day: string): Promise<number | 'full'> {
    const { teamLogBytes, appendTeamRecord } = this.#statements;
    return this.#write(() => {
      if (teamLogBytes.get()! + record.length > MAX_TEAM_LOG_BYTES) return 'full' as const;
      return Number(appendTeamRecord.get(day, record)!);
    });
  }

  async teamLog(after: number, limit: number, maxBytes: number): Promise<TeamRecord[]> {
    const records: TeamRecord[] = [];
    let bytes = 0;
    for (const row of this.#statements.teamLogAfter.all(after, limit)) {
      if (records.length > 0 && bytes + row.record.length > maxBytes) break;
      records.push({ seq: Number(row.seq), day: row.day, record: row.record });
      bytes += row.record.length;
    }
    return records;
  }

  async applyRetention(cutoffDay: string): Promise<number> {
    const { staleAfter, deleteSubmission, staleMessages } = this.#statements;
    this.#erasing(() => this.#statements.deleteTeamBefore.run(cutoffDay));
    for (;;) {
      const stale = staleMessages.all(cutoffDay, ERASE_CHUNK);
      if (stale.length === 0) break;
      this.#erasing(() => stale.forEach((message) => this.#eraseMessage(message)));
      await nextTurn();
    }
    let erased = 0;
    let after: { day: string; id: Uint8Array } = { day: '', id: new Uint8Array(0) };
    for (;;) {
      const stale = staleAfter.all({ cutoffDay, day: after.day, id: after.id, limit: ERASE_CHUNK });
      if (stale.length === 0) return erased;
      after = stale.at(-1)!;
      this.#erasing(() => {
        for (const { id, pulled } of stale) {
          if (!this.#erase(id)) continue;
          erased++;
          if (!pulled) {
            this.#eraseMessagesOf(id);
            deleteSubmission.run(id);
            this.#addTo(USED_BYTES, -ROW_OVERHEAD_BYTES);
            this.#usedBytes -= ROW_OVERHEAD_BYTES;
          }
        }
      });
      await nextTurn();
    }
  }

  async formerEditors(today: string): Promise<FormerEditor[]> {
    const { waitingCounts, formerEditors, noteFormerEditor, clearFormerEditor } = this.#statements;
    const configured = new Set(this.#editors);
    return this.#write(() => {
      for (const editor of configured) clearFormerEditor.run(editor);
      const former = waitingCounts.all().filter((row) => !configured.has(row.editor) && row.waiting > 0);
      for (const { editor } of former) noteFormerEditor.run(editor, today);
      const since = new Map(formerEditors.all().map((row) => [row.editor, row.since_day]));
      return former.map(({ editor, waiting }) => ({ editor, waiting, sinceDay: since.get(editor)! }));
    });
  }

  async forgetEditor(editor: string): Promise<number> {
    if (this.#editors.includes(editor)) throw new Error(`editor ${editor} is still configured; remove it from the key list first`);
    const { pendingOfEditor, deletePending, stillPending, clearFormerEditor } = this.#statements;
    let erased = 0;
    for (;;) {
      const ids = pendingOfEditor.all(editor, ERASE_CHUNK);
      if (ids.length === 0) break;
      this.#erasing(() => {
        for (const id of ids) {
          deletePending.run(id, editor);
          this.#addTo(waitingCounter(editor), -1);
          if (!stillPending.get(id)) erased += this.#erase(id) ? 1 : 0;
        }
      });
      await nextTurn();
    }
    this.#write(() => clearFormerEditor.run(editor));
    return erased;
  }

  async createUpload(upload: NewUpload, limitBytes: number): Promise<'stored' | 'storage-full'> {
    this.#assertFileInPlace();
    const charge = uploadChargeFor(upload.files);
    const chunks = upload.files.reduce((sum, bytes) => sum + sealedChunkCount(bytes), 0);
    const stored = this.#write(() => {
      if (this.#counter(USED_BYTES) + charge > limitBytes) return false;
      this.#statements.insertUpload.run(upload.id, upload.day, JSON.stringify(upload.files), chunks, charge);
      this.#addTo(USED_BYTES, charge);
      return true;
    });
    if (!stored) return 'storage-full';
    this.#usedBytes += charge;
    return 'stored';
  }

  async uploadFiles(id: Uint8Array): Promise<number[] | undefined> {
    const files = this.#statements.unboundFiles.get(id);
    return files === undefined ? undefined : (JSON.parse(files) as number[]);
  }

  async putChunk(id: Uint8Array, file: number, chunk: number, bytes: Uint8Array): Promise<boolean> {
    this.#assertFileInPlace();
    return this.#write(() => this.#statements.insertChunk.run({ upload: id, file, chunk, bytes }).changes > 0);
  }

  async attachmentChunk(editor: string, id: Uint8Array, file: number, chunk: number): Promise<Uint8Array | undefined> {
    return this.#statements.chunkFor.get({ editor, id, file, chunk });
  }

  async expireUploads(cutoffDay: string): Promise<number> {
    const { expiredUploads } = this.#statements;
    let erased = 0;
    for (;;) {
      const ids = expiredUploads.all(cutoffDay, ERASE_CHUNK);
      if (ids.length === 0) return erased;
      this.#erasing(() => {
        for (const id of ids) this.#eraseUpload(id);
      });
      erased += ids.length;
      await nextTurn();
    }
  }

  /**
   * One bounded step: a checkpoint an erasure still owes, then returning some free pages to the
   * file system (as many as fit in about VACUUM_STEP_TARGET_MS), else rewriting the envelopes
   * the relayout sweep may rewrite by now. True while free pages remain.
   */
  async maintain(): Promise<boolean> {
    if (this.#checkpointOwed) this.#makeRoomIfFull(() => this.#checkpoint());
    ensureReserve(this.#reserveFile, this.#reserveBytes); // given up on a full disk: back once there is room
    const now = this.#nowMs();
    this.#sweepBudget = Math.min(
      RELAYOUT_STEP_MAX_BYTES,
      this.#sweepBudget + (this.#usedBytes * Math.max(0, now - this.#sweepClock)) / RELAYOUT_PERIOD_MS,
    );
    this.#sweepClock = now;
    const free = this.#freePages();
    if (free !== this.#lastFreePages) {
      this.#lastFreePages = free;
      this.#freedAt = now;
    }
    if (free === 0) {
      this.#relayoutStep();
      return false;
    }
    // Returned at once only when the reserve was given up (the disk is full). Erasures never grow
    // the file (new rows reuse free pages first), so waiting costs no disk; returning pages while
    // a pull still erases would halve its speed, moving envelopes it is about to erase.
    const due = now - this.#freedAt >= VACUUM_SETTLE_MS || !reserveInPlace(this.#reserveFile, this.#reserveBytes);
    if (!due) return false;
    const started = performance.now();
    this.#write(() => this.#db.pragma(`incremental_vacuum(${this.#vacuumStepPages})`));
    this.#makeRoomIfFull(() => this.#checkpoint()); // the file shrinks only once the WAL is copied back
    this.#vacuumStepPages = nextVacuumStepPages(this.#vacuumStepPages, performance.now() - started);
    this.#lastFreePages = this.#freePages(); // our own doing, not an erasure
    return this.#lastFreePages > 0;
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    try {
      this.#checkpoint();
    } catch {
      // A full disk at shutdown: the WAL stays and the next open checkpoints it.
    }
    this.#closeNow();
  }

  #closeNow(): void {
    this.#db.close();
    closeSync(this.#fd);
  }

  /**
   * Deletes the envelopes after the sweep position (up to the budget) and returns every free page,
   * which moves the file's last pages into the holes; then inserts them again, so they land at
   * the end in id order. Over one period every envelope is rewritten this way, and where it sits
   * says when the sweep passed its id, not when it arrived.
   */
  #relayoutStep(): void {
    if (this.#sweepBudget < 1) return;
    const rows: { id: Uint8Array; bytes: Uint8Array }[] = [];
    let bytes = 0;
    for (const row of this.#statements.envelopesAfter.iterate(this.#sweepAfter)) {
      rows.push(row);
      bytes += row.bytes.length;
      if (bytes >= this.#sweepBudget) break;
    }
    // The stories' messages move with them (those of stories past the last envelope at the end
    // of a pass), so where a message sits says no more than where an envelope does.
    const upTo = rows.at(-1)?.id;
    const messages = upTo ? this.#statements.messagesInRange.all(this.#sweepAfter, upTo) : this.#statements.messagesAfterStory.all(this.#sweepAfter);
    const { deleteEnvelope, insertEnvelope, deleteMessage, insertMessage } = this.#statements;
    this.#write(() => {
      for (const row of rows) deleteEnvelope.run(row.id);
      for (const m of messages) deleteMessage.get(m.story, m.seq);
      this.#db.pragma(`incremental_vacuum(${this.#freePages()})`);
      for (const row of rows) insertEnvelope.run(row.id, row.bytes);
      for (const m of messages) insertMessage.run(m.story, m.seq, m.day, m.envelope);
    });
    this.#sweepBudget -= bytes + messages.reduce((sum, m) => sum + m.envelope.length, 0);
    this.#sweepAfter = upTo ?? new Uint8Array(0); // no envelope left: the pass is complete, start the next one
  }

  /** Runs `work` in an IMMEDIATE transaction with engine errors turned into the seam's neutral
   * ones. */
  #write<T>(work: () => T): T {
    try {
      return this.#db.transaction(work).immediate();
    } catch (error) {
      throw translated(error);
    }
  }

  /** An erasure: if the disk is full, the reserve is given up and it is tried once more; then
   * the WAL is emptied so the erased bytes leave it too. */
  #erasing<T>(work: () => T): T {
    const result = this.#makeRoomIfFull(() => this.#write(work));
    try {
      this.#makeRoomIfFull(() => this.#checkpoint());
    } catch {
      this.#checkpointOwed = true; // committed; maintain() retries the checkpoint
    }
    return result;
  }

  #makeRoomIfFull<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (!(translated(error) instanceof StoreFullError) || !releaseReserve(this.#reserveFile)) throw translated(error);
      return work();
    }
  }

  /** Deletes an envelope (secure_delete overwrites its pages), its attachments, its acks and its
   * pending rows. */
  #erase(id: Uint8Array): boolean {
    const { envelopeLength, deleteEnvelope, deleteAcks, deletePendingOf, uploadOfSubmission } = this.#statements;
    const length = envelopeLength.get(id);
    if (length === undefined) return false;
    deleteEnvelope.run(id);
    const upload = uploadOfSubmission.get(id);
    if (upload) this.#eraseUpload(upload);
    deleteAcks.run(id);
    for (const { editor } of deletePendingOf.all(id)) this.#addTo(waitingCounter(editor), -1);
    this.#addTo(USED_BYTES, -length);
    this.#usedBytes -= length;
    return true;
  }

  #storyRow(story: StoryRef): { id: Uint8Array; status: Status } | undefined {
    const { findByVerifier, statusById } = this.#statements;
    if ('verifier' in story) return findByVerifier.get(story.verifier);
    const row = statusById.get(story.id);
    return row && { id: story.id, status: row.status };
  }

  #eraseMessagesOf(story: Uint8Array): void {
    for (const message of this.#statements.messageKeysOf.all(story)) this.#eraseMessage(message);
  }

  /** Deletes one message (secure_delete overwrites its pages) and gives its bytes back. */
  #eraseMessage(message: { story: Uint8Array; seq: number }): void {
    const length = this.#statements.deleteMessage.get(message.story, message.seq);
    if (length === undefined) return;
    this.#addTo(USED_BYTES, -chargeFor(length));
    this.#usedBytes -= chargeFor(length);
  }

  /** Deletes an upload and its chunks and gives its charge back to the quota. */
  #eraseUpload(upload: Uint8Array): void {
    const { deleteChunks, deleteUpload } = this.#statements;
    deleteChunks.run(upload);
    const charge = deleteUpload.get(upload);
    if (charge === undefined) return;
    this.#addTo(USED_BYTES, -charge);
    this.#usedBytes -= charge;
  }

  /** Copies the WAL into the database and truncates it to zero bytes, so erased content
   * survives in neither file. */
  #checkpoint(): void {
    const [result] = this.#db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy) throw new StoreUnavailableError('checkpoint could not complete');
    this.#checkpointOwed = false;
  }

  /**
   * Every table and index but the envelopes' (which holds nearly all the bytes) is checked at
   * open: a damaged page there would make every inbox or receipt request fail, so it is refused
   * at start in one line. A damaged envelope page affects only the envelopes on it.
   */
  #checkSmallTables(): void {
    for (const table of ['submissions', 'pending', 'acks', 'counters', 'former_editors', 'team_log']) {
      const result = this.#db.pragma(`quick_check(${table})`, { simple: true });
      if (result !== 'ok') {
        throw new StoreVersionError(`${this.#file} is damaged (table ${table}: ${String(result).slice(0, 120)}); restore it from a copy or start elsewhere`);
      }
    }
  }

  #returnAllFreePages(): void {
    try {
      this.#write(() => this.#db.pragma('incremental_vacuum'));
      this.#checkpoint();
    } catch {
      // Nothing to give back on a disk this full: the reserve check below says so.
    }
  }

  #freePages(): number {
    return this.#db.pragma('freelist_count', { simple: true }) as number;
  }

  #counter(name: string): number {
    return this.#statements.counter.get(name) ?? 0;
  }

  #addTo(name: string, delta: number): void {
    if (delta !== 0) this.#statements.addToCounter.run({ name, delta });
  }

  /** A database deleted (or replaced) under the running server would take every later commit
   * with it: refuse them instead of answering 201 for stories that vanish at the next start. */
  #assertFileInPlace(): void {
    let inPlace: boolean;
    try {
      inPlace = fstatSync(this.#fd).nlink > 0 && statSync(this.#file).ino === this.#ino;
    } catch {
      inPlace = false;
    }
    if (!inPlace) throw new StoreUnavailableError(`${this.#file} was deleted or replaced while the server ran`);
  }
}

function prepare(db: Database.Database) {
  type Id = { id: Uint8Array };
  return {
    insertSubmission: db.prepare<[Uint8Array, string, Uint8Array]>("INSERT INTO submissions (id, day, verifier, status) VALUES (?, ?, ?, 'received')"),
    insertEnvelope: db.prepare<[Uint8Array, Uint8Array]>('INSERT INTO envelopes (id, bytes) VALUES (?, ?)'),
    insertPending: db.prepare<[string, string, Uint8Array]>('INSERT INTO pending (editor, day, id) VALUES (?, ?, ?)'),
    findByVerifier: db.prepare<[Uint8Array], { id: Uint8Array; status: Status }>('SELECT id, status FROM submissions WHERE verifier = ?'),
    statusById: db.prepare<[Uint8Array], { status: Status }>('SELECT status FROM submissions WHERE id = ?'),
    setStatus: db.prepare<[Status, Uint8Array]>('UPDATE submissions SET status = ? WHERE id = ?'),
    deleteSubmission: db.prepare<[Uint8Array]>('DELETE FROM submissions WHERE id = ?'),
    pendingPage: db.prepare<[{ editor: string; day: string; id: Uint8Array; limit: number }], { day: string; id: Uint8Array }>(
      'SELECT day, id FROM pending WHERE editor = @editor AND (day, id) > (@day, @id) ORDER BY day, id LIMIT @limit',
    ),
    pendingUpTo: db
      .prepare<[{ editor: string; day: string; id: Uint8Array; cap: number }], number>(
        'SELECT count(*) FROM (SELECT 1 FROM pending WHERE editor = @editor AND (day, id) <= (@day, @id) LIMIT @cap)',
      )
      .pluck(),
    pendingOfEditor: db.prepare<[string, number], Uint8Array>('SELECT id FROM pending WHERE editor = ? LIMIT ?').pluck(),
    envelopeOf: db.prepare<[Uint8Array], Uint8Array>('SELECT bytes FROM envelopes WHERE id = ?').pluck(),
    envelopeLength: db.prepare<[Uint8Array], number>('SELECT length(bytes) FROM envelopes WHERE id = ?').pluck(),
    envelopesAfter: db.prepare<[Uint8Array], Id & { bytes: Uint8Array }>('SELECT id, bytes FROM envelopes WHERE id > ? ORDER BY id'),
    withdrawn: db.prepare<[], Uint8Array>("SELECT id FROM submissions WHERE status = 'withdrawn' ORDER BY id").pluck(),
    deletePending: db.prepare<[Uint8Array, string]>('DELETE FROM pending WHERE id = ? AND editor = ?'),
    deletePendingOf: db.prepare<[Uint8Array], { editor: string }>('DELETE FROM pending WHERE id = ? RETURNING editor'),
    stillPending: db.prepare<[Uint8Array], number>('SELECT 1 FROM pending WHERE id = ? LIMIT 1').pluck(),
    teamLogBytes: db.prepare<[], number>('SELECT coalesce(sum(length(record)), 0) FROM team_log').pluck(),
    appendTeamRecord: db.prepare<[string, Uint8Array], number>('INSERT INTO team_log (day, record) VALUES (?, ?) RETURNING seq').pluck(),
    teamLogAfter: db.prepare<[number, number], TeamRecord>('SELECT seq, day, record FROM team_log WHERE seq > ? ORDER BY seq LIMIT ?'),
    deleteTeamBefore: db.prepare<[string]>('DELETE FROM team_log WHERE day < ?'),
    insertAck: db.prepare<[Uint8Array, string]>('INSERT OR IGNORE INTO acks (id, editor) VALUES (?, ?)'),
    deleteAcks: db.prepare<[Uint8Array]>('DELETE FROM acks WHERE id = ?'),
    deleteEnvelope: db.prepare<[Uint8Array]>('DELETE FROM envelopes WHERE id = ?'),
    staleAfter: db.prepare<[{ cutoffDay: string; day: string; id: Uint8Array; limit: number }], { day: string; id: Uint8Array; pulled: number }>(
      'SELECT s.day, s.id, EXISTS (SELECT 1 FROM acks a WHERE a.id = s.id) AS pulled FROM submissions s ' +
        'WHERE s.day < @cutoffDay AND (s.day, s.id) > (@day, @id) AND EXISTS (SELECT 1 FROM envelopes e WHERE e.id = s.id) ' +
        'ORDER BY s.day, s.id LIMIT @limit',
    ),
    messageCount: db.prepare<[Uint8Array], { count: number; last: number }>(
      'SELECT count(*) AS count, coalesce(max(seq), 0) AS last FROM messages WHERE story = ?',
    ),
    insertMessage: db.prepare<[Uint8Array, number, string, Uint8Array]>('INSERT INTO messages (story, seq, day, bytes) VALUES (?, ?, ?, ?)'),
    messagesOfStory: db.prepare<[Uint8Array], StoredMessage>('SELECT story, seq, day, bytes AS envelope FROM messages WHERE story = ? ORDER BY seq'),
    messagesAfter: db.prepare<[{ since: string; day: string; story: Uint8Array; seq: number; limit: number }], StoredMessage>(
      'SELECT story, seq, day, bytes AS envelope FROM messages WHERE day >= @since AND (day, story, seq) > (@day, @story, @seq) ' +
        'ORDER BY day, story, seq LIMIT @limit',
    ),
    messagesInRange: db.prepare<[Uint8Array, Uint8Array], StoredMessage>('SELECT story, seq, day, bytes AS envelope FROM messages WHERE story > ? AND story <= ?'),
    messagesAfterStory: db.prepare<[Uint8Array], StoredMessage>('SELECT story, seq, day, bytes AS envelope FROM messages WHERE story > ?'),
    messageKeysOf: db.prepare<[Uint8Array], { story: Uint8Array; seq: number }>('SELECT story, seq FROM messages WHERE story = ?'),
    staleMessages: db.prepare<[string, number], { story: Uint8Array; seq: number }>('SELECT story, seq FROM messages WHERE day < ? LIMIT ?'),
    deleteMessage: db.prepare<[Uint8Array, number], number>('DELETE FROM messages WHERE story = ? AND seq = ? RETURNING length(bytes)').pluck(),
    counter: db.prepare<[string], number>('SELECT value FROM counters WHERE name = ?').pluck(),
    addToCounter: db.prepare<[{ name: string; delta: number }]>(
      'INSERT INTO counters (name, value) VALUES (@name, @delta) ON CONFLICT (name) DO UPDATE SET value = value + @delta',
    ),
    waitingCounts: db.prepare<[], { editor: string; waiting: number }>(
      "SELECT substr(name, 9) AS editor, value AS waiting FROM counters WHERE name LIKE 'waiting:%'",
    ),
    formerEditors: db.prepare<[], { editor: string; since_day: string }>('SELECT editor, since_day FROM former_editors'),
    noteFormerEditor: db.prepare<[string, string]>('INSERT OR IGNORE INTO former_editors (editor, since_day) VALUES (?, ?)'),
    clearFormerEditor: db.prepare<[string]>('DELETE FROM former_editors WHERE editor = ?'),
    insertUpload: db.prepare<[Uint8Array, string, string, number, number]>(
      'INSERT INTO uploads (id, day, files, chunks, charge) VALUES (?, ?, ?, ?, ?)',
    ),
    unboundFiles: db.prepare<[Uint8Array], string>('SELECT files FROM uploads WHERE id = ? AND submission IS NULL').pluck(),
    insertChunk: db.prepare<[{ upload: Uint8Array; file: number; chunk: number; bytes: Uint8Array }]>(
      'INSERT OR REPLACE INTO attachment_chunks (upload, file, chunk, bytes) ' +
        'SELECT @upload, @file, @chunk, @bytes WHERE EXISTS (SELECT 1 FROM uploads WHERE id = @upload AND submission IS NULL)',
    ),
    // Bound only when every chunk is there, and only once.
    bindUpload: db.prepare<[{ submission: Uint8Array; upload: Uint8Array }]>(
      'UPDATE uploads SET submission = @submission WHERE id = @upload AND submission IS NULL ' +
        'AND chunks = (SELECT count(*) FROM attachment_chunks WHERE upload = @upload)',
    ),
    filesOfSubmission: db.prepare<[Uint8Array], string>('SELECT files FROM uploads WHERE submission = ?').pluck(),
    uploadOfSubmission: db.prepare<[Uint8Array], Uint8Array>('SELECT id FROM uploads WHERE submission = ?').pluck(),
    chunkFor: db
      .prepare<[{ editor: string; id: Uint8Array; file: number; chunk: number }], Uint8Array>(
        'SELECT c.bytes FROM pending p JOIN uploads u ON u.submission = p.id JOIN attachment_chunks c ON c.upload = u.id ' +
          'WHERE p.editor = @editor AND p.id = @id AND c.file = @file AND c.chunk = @chunk',
      )
      .pluck(),
    expiredUploads: db.prepare<[string, number], Uint8Array>('SELECT id FROM uploads WHERE submission IS NULL AND day < ? LIMIT ?').pluck(),
    deleteChunks: db.prepare<[Uint8Array]>('DELETE FROM attachment_chunks WHERE upload = ?'),
    deleteUpload: db.prepare<[Uint8Array], number>('DELETE FROM uploads WHERE id = ? RETURNING charge').pluck(),
  };
}

/** SQLite's "database or disk is full" becomes the seam's StoreFullError; anything else stays. */
function translated(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_FULL' ? new StoreFullError() : error;
}
