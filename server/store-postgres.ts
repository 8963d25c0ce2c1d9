// The PostgreSQL engine behind the storage seam (server/store.ts), for several server processes on
// one database (README.md "Several instances on PostgreSQL"). Everything that must be global lives
// here rather than in one process: submissions, acks and erasure, the quota (quota_shards), spent
// proof-of-work solutions and editor nonces (spent_tokens), the submission rate behind the
// difficulty (instance_counts) and the challenge secret (sotto_meta). Tables and settings:
// server/store-postgres-schema.ts.
//
// Durability: every session runs with synchronous_commit=on, so insertBatch resolves only after
// PostgreSQL has flushed the commit to its WAL; Intake's group commit still makes one transaction
// per batch. Nothing identifies the client: the connection's application_name is a constant.
// Erasure and what PostgreSQL keeps after it: SECURITY.md §5 "Several instances on PostgreSQL".

import { randomBytes, randomInt } from 'node:crypto';
import pg from 'pg';
import { b64uEncode } from '../crypto/bytes.ts';
import type { RateLedger } from './difficulty-shared.ts';
import { checkSettings, ensureSchema, QUOTA_SHARDS, type Meta } from './store-postgres-schema.ts';
import { sealedChunkCount } from '../crypto/attachment-format.ts';
import {
  MAX_TEAM_LOG_BYTES,
  ROW_OVERHEAD_BYTES,
  StoreFullError,
  StoreUnavailableError,
  chargeFor,
  uploadChargeFor,
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
  type SpentTokens,
  type Status,
  type StoredMessage,
  type StoryRef,
  type SubmissionStore,
  type TeamRecord,
  type AddMessageResult,
} from './store.ts';

/** pg_advisory_xact_lock key serialising team log appends ("Team"). */
const TEAM_LOG_LOCK = 0x5465616d;

/** Connections per process: enough for the group commit, the spent-token claims and the
 * receipts running beside it. */
const POOL_SIZE = 10;
const CLAIM_POOL_SIZE = 4;
/** Expired spent tokens and old rate seconds are deleted at most this often per process. */
const PURGE_EVERY_S = 60;

type Queryable = pg.Pool | pg.PoolClient;

export class PostgresStore implements SubmissionStore {
  readonly #pool: pg.Pool;
  /** Sessions with synchronous_commit off, for claims of proof-of-work solutions (spentTokens). */
  readonly #claimPool: pg.Pool;
  readonly #editors: readonly string[];
  readonly meta: Meta;

  private constructor(pool: pg.Pool, claimPool: pg.Pool, editors: readonly string[], meta: Meta) {
    this.#pool = pool;
    this.#claimPool = claimPool;
    this.#editors = editors;
    this.meta = meta;
  }

  /**
   * Connects to `url`, checks the server's settings, creates or checks the schema, records the
   * configured editors, and erases what every editor it waits for has acknowledged: an editor no
   * longer configured is still waited for (formerEditors, forgetEditor). Throws StoreVersionError for a database of a newer Sotto or of
   * another program, and an Error naming a setting that would log clients or lose commits.
   * `nowMs` dates a new database's spent-token registry (tests set it).
   */
  static async open(url: string, editorKeyIds: readonly string[], nowMs: () => number = Date.now): Promise<PostgresStore> {
    const pool = connect(url, POOL_SIZE, 'on');
    const claimPool = connect(url, CLAIM_POOL_SIZE, 'off');
    try {
      const client = await pool.connect();
      let meta: Meta;
      try {
        await checkSettings(client);
        meta = await ensureSchema(client, () => ({
          serverSecret: randomBytes(32),
          tokenScope: b64uEncode(randomBytes(12)),
          tokensSince: Math.floor(nowMs() / 1000),
        }));
      } finally {
        client.release();
      }
      const store = new PostgresStore(pool, claimPool, [...editorKeyIds], meta);
      await store.#settleEditors();
      return store;
    } catch (error) {
      await Promise.all([pool.end(), claimPool.end()]).catch(() => {});
      throw error;
    }
  }

  /** The challenge HMAC key, the same for every instance on this database. */
  get serverSecret(): Uint8Array {
    return this.meta.serverSecret;
  }

  /**
   * A spent-token registry shared by every instance (`kind` keeps PoW ids and nonces apart).
   * Claims of proof-of-work solutions commit without waiting for the WAL flush: it halves the
   * fsyncs per submission, and what a crash of PostgreSQL itself (not of an instance) can lose is
   * the last fraction of a second of claims, so a solution from just before it could be used once
   * more, for one more submission (SECURITY.md §5). Editor nonces wait for the flush.
   */
  spentTokens(kind: 'pow' | 'editor'): SpentTokens {
    return new PostgresSpentTokens(kind === 'pow' ? this.#claimPool : this.#pool, kind, this.meta);
  }

  /** Where instances exchange their counts of stored submissions (server/difficulty-shared.ts). */
  get rateLedger(): RateLedger {
    return new PostgresRateLedger(this.#pool);
  }

  async usedBytes(): Promise<number> {
    const result = await this.#read<{ used: string }>('SELECT coalesce(sum(bytes), 0) AS used FROM quota_shards');
    return Number(result.rows[0]!.used);
  }

  /** One transaction for the batch. A verifier already stored, or repeated earlier in the batch,
   * fails that item only: ON CONFLICT DO NOTHING, so no error (nor its log line) is raised. */
  async insertBatch(items: readonly NewSubmission[]): Promise<InsertResult[]> {
    const seen = new Set<string>();
    const candidates = items.map((item) => {
      const key = Buffer.from(item.verifier).toString('hex');
      if (seen.has(key)) return undefined;
      seen.add(key);
      return { ...item, id: randomBytes(16) };
    });
    const fresh = candidates.filter((item) => item !== undefined);
    const incomplete = new Set<string>();
    const stored = await this.#transaction(async (client) => {
      incomplete.clear(); // a retried transaction starts afresh
      const inserted = await client.query<{ id: Buffer }>(
        `INSERT INTO submissions (id, day, verifier, status)
         SELECT id, day, verifier, 'received' FROM unnest($1::bytea[], $2::text[], $3::bytea[]) AS t (id, day, verifier)
         ON CONFLICT (verifier) DO NOTHING RETURNING id`,
        [fresh.map((item) => item.id), fresh.map((item) => item.day), fresh.map((item) => Buffer.from(item.verifier))],
      );
      const ids = new Set(inserted.rows.map((row) => row.id.toString('hex')));
      // Uploads are bound only when every chunk is there, and only once; a story whose upload
      // cannot be bound is taken out again before its envelope goes in.
      const withUpload = fresh.filter((item) => item.upload && ids.has(item.id.toString('hex')));
      const bound = await client.query<{ id: Buffer }>(
        `UPDATE uploads u SET submission = t.id FROM unnest($1::bytea[], $2::bytea[]) AS t (id, upload)
         WHERE u.id = t.upload AND u.submission IS NULL AND u.chunks = (SELECT count(*) FROM attachment_chunks c WHERE c.upload = u.id)
         RETURNING t.id`,
        [withUpload.map((item) => item.id), withUpload.map((item) => Buffer.from(item.upload!))],
      );
      const boundIds = new Set(bound.rows.map((row) => row.id.toString('hex')));
      const unbound = withUpload.filter((item) => !boundIds.has(item.id.toString('hex'))).map((item) => item.id);
      if (unbound.length > 0) await client.query('DELETE FROM submissions WHERE id = ANY($1)', [unbound]);
      for (const id of unbound) {
        ids.delete(id.toString('hex'));
        incomplete.add(id.toString('hex'));
      }
      const kept = fresh.filter((item) => ids.has(item.id.toString('hex')));
      if (kept.length > 0) {
        await client.query('INSERT INTO envelopes (id, bytes) SELECT * FROM unnest($1::bytea[], $2::bytea[])', [
          kept.map((item) => item.id),
          kept.map((item) => Buffer.from(item.envelope)),
        ]);
        await charge(client, kept.reduce((sum, item) => sum + chargeFor(item.envelope.length), 0));
      }
      return ids;
    });
    return candidates.map((item) => {
      if (item && stored.has(item.id.toString('hex'))) return 'stored';
      return item && incomplete.has(item.id.toString('hex')) ? 'upload-incomplete' : 'duplicate-receipt';
    });
  }

  async statusOf(verifier: Uint8Array): Promise<Status | undefined> {
    const result = await this.#read<{ status: Status }>('SELECT status FROM submissions WHERE verifier = $1', [Buffer.from(verifier)]);
    return result.rows[0]?.status;
  }

  async withdraw(verifier: Uint8Array): Promise<Status | undefined> {
    return this.#transaction(async (client) => {
      const row = await client.query<{ id: Buffer }>("UPDATE submissions SET status = 'withdrawn' WHERE verifier = $1 RETURNING id", [Buffer.from(verifier)]);
      if (row.rows.length === 0) return undefined;
      await erase(client, [row.rows[0]!.id]);
      await eraseMessagesOf(client, [row.rows[0]!.id]);
      return 'withdrawn' as const;
    });
  }

  /** The story's row is locked first: concurrent messages to one story from several instances
   * take turns, so each gets the next seq and the cap holds. */
  async addMessage(story: StoryRef, message: NewMessage): Promise<AddMessageResult> {
    return this.#transaction(async (client) => {
      const [column, value] = 'id' in story ? ['id', story.id] : ['verifier', story.verifier];
      const row = (await client.query<{ id: Buffer; status: Status }>(`SELECT id, status FROM submissions WHERE ${column} = $1 FOR UPDATE`, [Buffer.from(value)])).rows[0];
      if (!row) return 'unknown' as const;
      if (row.status === 'withdrawn') return 'withdrawn' as const;
      const counted = (await client.query<{ n: string; last: number }>('SELECT count(*) AS n, coalesce(max(seq), 0) AS last FROM messages WHERE story = $1', [row.id])).rows[0]!;
      if (Number(counted.n) >= message.maxMessages) return 'conversation-full' as const;
      await client.query('INSERT INTO messages (story, seq, day, bytes) VALUES ($1, $2, $3, $4)', [row.id, counted.last + 1, message.day, Buffer.from(message.envelope)]);
      await charge(client, chargeFor(message.envelope.length));
      return 'stored' as const;
    });
  }

  async messagesOf(story: StoryRef): Promise<StoredMessage[]> {
    const [where, value] = 'id' in story ? ['m.story = $1', story.id] : ['s.verifier = $1', story.verifier];
    const rows = await this.#read<MessageRow>(
      `SELECT m.story, m.seq, m.day, m.bytes FROM messages m JOIN submissions s ON s.id = m.story WHERE ${where} ORDER BY m.seq`,
      [Buffer.from(value)],
    );
    return rows.rows.map(messageOf);
  }

  async messagesSince(request: MessagesRequest): Promise<StoredMessage[]> {
    const after = request.after ?? { day: '', story: new Uint8Array(0), seq: 0 };
    const rows = await this.#read<MessageRow>(
      `SELECT story, seq, day, bytes FROM messages WHERE day >= $1 AND (day, story, seq) > ($2, $3, $4)
       ORDER BY day, story, seq LIMIT $5`,
      [request.sinceDay, after.day, Buffer.from(after.story), after.seq, request.limit],
    );
    return rows.rows.map(messageOf);
  }

  async inbox(editor: string, options: InboxRequest): Promise<InboxPage> {
    const pending = `FROM submissions s JOIN envelopes e ON e.id = s.id
      WHERE (s.day, s.id) > ($2, $3)
        AND NOT EXISTS (SELECT 1 FROM acks a WHERE a.id = s.id AND a.editor = $1)`;
    const start = [editor, options.cursor?.day ?? '', Buffer.from(options.cursor?.id ?? new Uint8Array(0))];
    // Rows come in order; the byte bound is applied while reading, as the SQLite store does.
    const rows = await this.#read<{ id: Buffer; day: string; envelope: Buffer; files: number[] | null }>(
      `SELECT s.id, s.day, e.bytes AS envelope, (SELECT u.files FROM uploads u WHERE u.submission = s.id) AS files
       ${pending} ORDER BY s.day, s.id LIMIT $4`,
      [...start, options.limit],
    );
    const items: InboxItem[] = [];
    let bytes = 0;
    for (const row of rows.rows) {
      if (items.length > 0 && bytes + row.envelope.length > options.maxBytes) break;
      items.push({ id: new Uint8Array(row.id), day: row.day, envelope: new Uint8Array(row.envelope), attachments: row.files ?? [] });
      bytes += row.envelope.length;
    }
    const last = items.at(-1);
    const remaining = last
      ? Number((await this.#read<{ n: string }>(`SELECT count(*) AS n ${pending}`, [editor, last.day, Buffer.from(last.id)])).rows[0]!.n)
      : 0;
    const withdrawn = await this.#read<{ id: Buffer }>("SELECT id FROM submissions WHERE status = 'withdrawn' ORDER BY id");
    return { items, remaining, withdrawn: withdrawn.rows.map((row) => new Uint8Array(row.id)) };
  }

  /** The envelope rows are locked first, so two editors acknowledging the same envelope at once
   * from two instances cannot both miss that everyone now has it. */
  async acknowledge(editor: string, ids: readonly Uint8Array[]): Promise<{ acknowledged: number; erased: number }> {
    return this.#transaction(async (client) => {
      const wanted = ids.map((id) => Buffer.from(id));
      await client.query('SELECT id FROM envelopes WHERE id = ANY($1) ORDER BY id FOR UPDATE', [wanted]);
      const added = await client.query<{ id: Buffer }>(
        'INSERT INTO acks (id, editor) SELECT id, $1 FROM envelopes WHERE id = ANY($2) ON CONFLICT DO NOTHING RETURNING id',
        [editor, wanted],
      );
      const erased = await erase(client, await nobodyWaitsFor(client, this.#editors, added.rows.map((row) => row.id)));
      return { acknowledged: added.rows.length, erased };
    });
  }

  async setStatus(id: Uint8Array, status: EditorStatus): Promise<'ok' | 'unknown' | 'withdrawn'> {
    const result = await this.#read<{ status: Status; updated: boolean }>(
      `WITH target AS (SELECT id, status FROM submissions WHERE id = $1),
            changed AS (UPDATE submissions s SET status = $2 FROM target WHERE s.id = target.id AND target.status <> 'withdrawn' RETURNING s.id)
       SELECT target.status, EXISTS (SELECT 1 FROM changed) AS updated FROM target`,
      [Buffer.from(id), status],
    );
    const row = result.rows[0];
    if (!row) return 'unknown';
    return row.updated ? 'ok' : 'withdrawn';
  }

  /** Appends hold a transaction-level advisory lock: positions come from a sequence, and without
   * the lock a later position could commit before an earlier one and a reader's cursor pass it. */
  async appendTeamRecord(record: Uint8Array, day: string): Promise<number | 'full'> {
    return this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [TEAM_LOG_LOCK]);
      const used = await client.query<{ bytes: string }>('SELECT coalesce(sum(length(record)), 0) AS bytes FROM team_log');
      if (Number(used.rows[0]!.bytes) + record.length > MAX_TEAM_LOG_BYTES) return 'full' as const;
      const added = await client.query<{ seq: string }>('INSERT INTO team_log (day, record) VALUES ($1, $2) RETURNING seq', [day, Buffer.from(record)]);
      return Number(added.rows[0]!.seq);
    });
  }

  async teamLog(after: number, limit: number, maxBytes: number): Promise<TeamRecord[]> {
    const rows = await this.#read<{ seq: string; day: string; record: Buffer }>('SELECT seq, day, record FROM team_log WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit]);
    const records: TeamRecord[] = [];
    let bytes = 0;
    for (const row of rows.rows) {
      if (records.length > 0 && bytes + row.record.length > maxBytes) break;
      records.push({ seq: Number(row.seq), day: row.day, record: new Uint8Array(row.record) });
      bytes += row.record.length;
    }
    return records;
  }

  async applyRetention(cutoffDay: string): Promise<number> {
    await this.#read('DELETE FROM team_log WHERE day < $1', [cutoffDay]);
    return this.#transaction(async (client) => {
      const oldMessages = await client.query<{ length: number }>('DELETE FROM messages WHERE day < $1 RETURNING length(bytes) AS length', [cutoffDay]);
      await charge(client, -oldMessages.rows.reduce((sum, row) => sum + chargeFor(row.length), 0));
      const stale = await client.query<{ id: Buffer; pulled: boolean }>(
        `SELECT s.id, EXISTS (SELECT 1 FROM acks a WHERE a.id = s.id) AS pulled
         FROM submissions s JOIN envelopes e ON e.id = s.id WHERE s.day < $1 FOR UPDATE OF e`,
        [cutoffDay],
      );
      if (stale.rows.length === 0) return 0;
      await erase(client, stale.rows.map((row) => row.id));
      const unpulled = stale.rows.filter((row) => !row.pulled).map((row) => row.id);
      if (unpulled.length > 0) {
        await eraseMessagesOf(client, unpulled);
        await client.query('DELETE FROM submissions WHERE id = ANY($1)', [unpulled]);
        await charge(client, -unpulled.length * ROW_OVERHEAD_BYTES);
      }
      return stale.rows.length;
    });
  }

  async createUpload(upload: NewUpload, limitBytes: number): Promise<'stored' | 'storage-full'> {
    const chargeBytes = uploadChargeFor(upload.files);
    const chunks = upload.files.reduce((sum, bytes) => sum + sealedChunkCount(bytes), 0);
    return this.#transaction(async (client) => {
      const used = await client.query<{ used: string }>('SELECT coalesce(sum(bytes), 0) AS used FROM quota_shards');
      if (Number(used.rows[0]!.used) + chargeBytes > limitBytes) return 'storage-full' as const;
      await client.query('INSERT INTO uploads (id, day, files, chunks, charge) VALUES ($1, $2, $3, $4, $5)', [
        Buffer.from(upload.id), upload.day, upload.files, chunks, chargeBytes,
      ]);
      await charge(client, chargeBytes);
      return 'stored' as const;
    });
  }

  async uploadFiles(id: Uint8Array): Promise<number[] | undefined> {
    const result = await this.#read<{ files: number[] }>('SELECT files FROM uploads WHERE id = $1 AND submission IS NULL', [Buffer.from(id)]);
    return result.rows[0]?.files;
  }

  async putChunk(id: Uint8Array, file: number, chunk: number, bytes: Uint8Array): Promise<boolean> {
    const result = await this.#read(
      `INSERT INTO attachment_chunks (upload, file, chunk, bytes)
       SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM uploads WHERE id = $1 AND submission IS NULL)
       ON CONFLICT (upload, file, chunk) DO UPDATE SET bytes = EXCLUDED.bytes`,
      [Buffer.from(id), file, chunk, Buffer.from(bytes)],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async attachmentChunk(editor: string, id: Uint8Array, file: number, chunk: number): Promise<Uint8Array | undefined> {
    const result = await this.#read<{ bytes: Buffer }>(
      `SELECT c.bytes FROM uploads u JOIN envelopes e ON e.id = u.submission JOIN attachment_chunks c ON c.upload = u.id
       WHERE u.submission = $2 AND c.file = $3 AND c.chunk = $4
         AND NOT EXISTS (SELECT 1 FROM acks a WHERE a.id = u.submission AND a.editor = $1)`,
      [editor, Buffer.from(id), file, chunk],
    );
    const row = result.rows[0];
    return row ? new Uint8Array(row.bytes) : undefined;
  }

  async expireUploads(cutoffDay: string): Promise<number> {
    return this.#transaction(async (client) => {
      const stale = await client.query<{ id: Buffer }>('SELECT id FROM uploads WHERE submission IS NULL AND day < $1 FOR UPDATE', [cutoffDay]);
      return eraseUploads(client, stale.rows.map((row) => row.id));
    });
  }

  /** Vacuums the tables (autovacuum does it too, within autovacuum_naptime of an erasure) and
   * forgets expired spent tokens and stopped instances' counts. SKIP_LOCKED: if another instance is
   * vacuuming the same table, this one leaves it to it. */
  async maintain(): Promise<boolean> {
    const nowS = Math.floor(Date.now() / 1000);
    await this.#read('DELETE FROM spent_tokens WHERE expires_at < $1', [nowS]);
    await this.#read('DELETE FROM instance_counts WHERE seen_second < $1', [nowS - INSTANCE_GONE_S]);
    await this.#read('VACUUM (SKIP_LOCKED) envelopes, messages, attachment_chunks, uploads, acks, submissions, spent_tokens, team_log');
    return false;
  }

  async close(): Promise<void> {
    if (this.#pool.ended) return;
    await Promise.all([this.#pool.end(), this.#claimPool.end()]);
  }

  async #read<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.#pool.query<R>(sql, values);
    } catch (error) {
      throw translated(error);
    }
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.#pool, work);
    } catch (error) {
      throw translated(error);
    }
  }

  /** Configured editors are (again) current; then what nobody waits for any more is erased. */
  async #settleEditors(): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query(
        'INSERT INTO editor_roster (editor, left_day) SELECT unnest($1::text[]), NULL ON CONFLICT (editor) DO UPDATE SET left_day = NULL',
        [this.#editors],
      );
      await erase(client, await nobodyWaitsFor(client, this.#editors, null));
    });
  }

  async formerEditors(today: string): Promise<FormerEditor[]> {
    return this.#transaction(async (client) => {
      // Editors known only by their acks (a database from before the roster) left today too.
      await client.query(
        `INSERT INTO editor_roster (editor, left_day) SELECT DISTINCT editor, $2 FROM acks WHERE NOT (editor = ANY($1))
         ON CONFLICT (editor) DO NOTHING`,
        [this.#editors, today],
      );
      await client.query('UPDATE editor_roster SET left_day = $2 WHERE left_day IS NULL AND NOT (editor = ANY($1))', [this.#editors, today]);
      const rows = await client.query<{ editor: string; left_day: string; waiting: string }>(
        `SELECT r.editor, r.left_day, (SELECT count(*) FROM envelopes e JOIN submissions s ON s.id = e.id
           WHERE s.day <= r.left_day AND NOT EXISTS (SELECT 1 FROM acks a WHERE a.id = e.id AND a.editor = r.editor)) AS waiting
         FROM editor_roster r WHERE NOT (r.editor = ANY($1)) ORDER BY r.editor`,
        [this.#editors],
      );
      return rows.rows.filter((row) => Number(row.waiting) > 0).map((row) => ({ editor: row.editor, waiting: Number(row.waiting), sinceDay: row.left_day }));
    });
  }

  async forgetEditor(editor: string): Promise<number> {
    if (this.#editors.includes(editor)) throw new Error(`editor ${editor} is still configured`);
    return this.#transaction(async (client) => {
      await client.query('DELETE FROM editor_roster WHERE editor = $1', [editor]);
      await client.query('DELETE FROM acks WHERE editor = $1', [editor]);
      return erase(client, await nobodyWaitsFor(client, this.#editors, null));
    });
  }
}

/** A pool of sessions with `synchronous_commit` as given, after any settings the operator put in
 * the URL's `options` (e.g. `-c search_path=sotto`), so these win. */
function connect(url: string, max: number, synchronousCommit: 'on' | 'off'): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A request waits at most this long for a connection, then answers "busy".
    connectionTimeoutMillis: 10_000,
    application_name: 'sotto',
    options: [new URL(url).searchParams.get('options'), `-c synchronous_commit=${synchronousCommit} -c client_min_messages=error`].filter(Boolean).join(' '),
  });
  // An idle connection that dies (a restart of PostgreSQL) is replaced on next use; the error
  // itself must not crash the process or be printed.
  pool.on('error', () => {});
  return pool;
}

/** Runs `work` in one transaction; a failure rolls it back whole. The connection is dropped
 * rather than reused when even the rollback fails. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Adds `bytes` (negative to give back) to one quota shard picked at random. */
async function charge(client: Queryable, bytes: number): Promise<void> {
  if (bytes === 0) return;
  await client.query('UPDATE quota_shards SET bytes = bytes + $1 WHERE shard = $2', [bytes, randomInt(QUOTA_SHARDS)]);
}

/**
 * Of the envelopes `ids` (null: all of them), those nobody waits for any more: every configured
 * editor acknowledged them, and so did every former editor still in the roster who was there when
 * they arrived (an envelope from up to its left_day).
 */
async function nobodyWaitsFor(client: pg.PoolClient, editors: readonly string[], ids: readonly Buffer[] | null): Promise<Buffer[]> {
  const rows = await client.query<{ id: Buffer }>(
    `SELECT e.id FROM envelopes e JOIN submissions s ON s.id = e.id
     WHERE ($1::bytea[] IS NULL OR e.id = ANY($1))
       AND (SELECT count(*) FROM acks a WHERE a.id = e.id AND a.editor = ANY($2)) >= $3
       AND NOT EXISTS (SELECT 1 FROM editor_roster r
         WHERE NOT (r.editor = ANY($2)) AND (r.left_day IS NULL OR s.day <= r.left_day)
           AND NOT EXISTS (SELECT 1 FROM acks a WHERE a.id = e.id AND a.editor = r.editor))`,
    [ids, editors, editors.length],
  );
  return rows.rows.map((row) => row.id);
}

/** Deletes envelopes, their attachments and their now useless acks, and gives their bytes back to
 * the quota. */
async function erase(client: pg.PoolClient, ids: readonly Buffer[]): Promise<number> {
  if (ids.length === 0) return 0;
  const deleted = await client.query<{ length: number }>('DELETE FROM envelopes WHERE id = ANY($1) RETURNING length(bytes) AS length', [ids]);
  const uploads = await client.query<{ id: Buffer }>('SELECT id FROM uploads WHERE submission = ANY($1)', [ids]);
  await eraseUploads(client, uploads.rows.map((row) => row.id));
  await client.query('DELETE FROM acks WHERE id = ANY($1)', [ids]);
  await charge(client, -deleted.rows.reduce((sum, row) => sum + row.length, 0));
  return deleted.rows.length;
}

interface MessageRow {
  story: Buffer;
  seq: number;
  day: string;
  bytes: Buffer;
}

const messageOf = (row: MessageRow): StoredMessage => ({ story: new Uint8Array(row.story), seq: row.seq, day: row.day, envelope: new Uint8Array(row.bytes) });

/** Deletes the stories' messages and gives their bytes back to the quota. */
async function eraseMessagesOf(client: pg.PoolClient, stories: readonly Buffer[]): Promise<void> {
  const deleted = await client.query<{ length: number }>('DELETE FROM messages WHERE story = ANY($1) RETURNING length(bytes) AS length', [stories]);
  await charge(client, -deleted.rows.reduce((sum, row) => sum + chargeFor(row.length), 0));
}

/** Deletes uploads and their chunks and gives their charge back to the quota. Returns how many. */
async function eraseUploads(client: pg.PoolClient, ids: readonly Buffer[]): Promise<number> {
  if (ids.length === 0) return 0;
  await client.query('DELETE FROM attachment_chunks WHERE upload = ANY($1)', [ids]);
  const deleted = await client.query<{ charge: string }>('DELETE FROM uploads WHERE id = ANY($1) RETURNING charge', [ids]);
  await charge(client, -deleted.rows.reduce((sum, row) => sum + Number(row.charge), 0));
  return deleted.rows.length;
}

/** PostgreSQL's disk-full and lost-connection errors become the seam's neutral ones. */
function translated(error: unknown): unknown {
  if (error instanceof pg.DatabaseError) {
    const code = error.code ?? '';
    if (code === '53100') return new StoreFullError(); // disk_full
    // Connection failures (class 08) and the server shutting down (57P01–57P03).
    if (code.startsWith('08') || /^57P0[123]$/.test(code)) return new StoreUnavailableError('the database is unreachable');
    return error;
  }
  // Not an answer from the server: the socket failed (ECONNREFUSED, "Connection terminated", a
  // connect timeout). Programming errors stay what they are.
  if (error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError) && !(error instanceof StoreFullError)) {
    return error instanceof StoreUnavailableError ? error : new StoreUnavailableError('the database is unreachable');
  }
  return error;
}

/** SpentTokens in the database: every instance sees every claim. The scope and the time from
 * which claims are remembered belong to the database, so a challenge issued by one instance is
 * accepted by the others, and a restart forgets nothing. */
class PostgresSpentTokens implements SpentTokens {
  readonly scope: string;
  readonly rememberedSinceS: number;
  #nextPurgeS = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly kind: string,
    meta: Meta,
  ) {
    this.scope = meta.tokenScope;
    this.rememberedSinceS = meta.tokensSince;
  }

  async claim(token: string, expiresAtS: number, nowS: number): Promise<'claimed' | 'spent' | 'full'> {
    try {
      if (nowS >= this.#nextPurgeS) {
        this.#nextPurgeS = nowS + PURGE_EVERY_S;
        await this.pool.query('DELETE FROM spent_tokens WHERE kind = $1 AND expires_at < $2', [this.kind, Math.floor(nowS)]);
      }
      // The first claim inserts; a claim of an expired token takes it over; any other finds the
      // row and changes nothing. Concurrent claims of one token wait on its key: one wins.
      const result = await this.pool.query(
        `INSERT INTO spent_tokens (kind, token, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (kind, token) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE spent_tokens.expires_at < $4
         RETURNING 1`,
        [this.kind, token, Math.ceil(expiresAtS), Math.floor(nowS)],
      );
      return result.rows.length === 1 ? 'claimed' : 'spent';
    } catch (error) {
      // Unreachable or full: the caller answers "busy", and nothing was claimed.
      const neutral = translated(error);
      if (neutral instanceof StoreFullError || neutral instanceof StoreUnavailableError) return 'full';
      throw neutral;
    }
  }

}

/** An instance that has not published its count for this long has stopped; its row goes. */
const INSTANCE_GONE_S = 3600;

class PostgresRateLedger implements RateLedger {
  constructor(private readonly pool: pg.Pool) {}

  async exchange(instance: string, stored: number, nowS: number): Promise<Map<string, number>> {
    const second = Math.floor(nowS);
    await this.pool.query(
      `INSERT INTO instance_counts (instance, stored, seen_second) VALUES ($1, $2, $3)
       ON CONFLICT (instance) DO UPDATE SET stored = EXCLUDED.stored, seen_second = EXCLUDED.seen_second`,
      [instance, stored, second],
    );
    const others = await this.pool.query<{ instance: string; stored: string }>(
      'SELECT instance, stored FROM instance_counts WHERE instance <> $1 AND seen_second >= $2',
      [instance, second - INSTANCE_GONE_S],
    );
    return new Map(others.rows.map((row) => [row.instance, Number(row.stored)]));
  }
}
