// `sotto-server migrate --from sqlite:PATH --to postgres://…` (README.md "Moving from SQLite to
// PostgreSQL"): copies every submission, envelope, ack, status, message, story's pictures and
// team log record from a stopped server's SQLite file into a PostgreSQL database, in chunks of
// one transaction each (a story's pictures: one transaction per story, a few chunks at a time in
// memory). The SQLite file is opened
// read-only and left as it was. Re-runnable: what is already there is matched by id and brought in
// line (status, an envelope erased since), nothing is copied twice, and the quota counts each row
// once. Prints progress and totals only, never a row.

import Database from 'better-sqlite3';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { b64uEncode } from '../crypto/bytes.ts';
import { SCHEMA_VERSION as SQLITE_SCHEMA_VERSION } from './store-sqlite-schema.ts';
import { checkSettings, ensureSchema, QUOTA_SHARDS } from './store-postgres-schema.ts';
import { ROW_OVERHEAD_BYTES } from './store.ts';

const CHUNK = 200;
const USAGE = 'usage: sotto-server migrate --from sqlite:PATH --to postgres://USER@HOST/DATABASE';

export interface MigrationTotals {
  submissions: number;
  envelopes: number;
  acks: number;
  messages: number;
  /** Team log records (server/team-api.ts), copied with their positions. */
  teamRecords: number;
  /** Uploads (a story's pictures) bound to a story, copied with every chunk. */
  uploads: number;
}

interface MessageRow {
  story: Buffer;
  seq: number;
  day: string;
  bytes: Buffer;
}

interface Row {
  id: Buffer;
  day: string;
  verifier: Buffer;
  status: string;
  bytes: Buffer | null;
}

/** Copies `sqliteFile` into the database at `url`; `progress` hears each chunk's running count. */
export async function migrateSqliteToPostgres(sqliteFile: string, url: string, progress: (done: number, total: number) => void = () => {}): Promise<MigrationTotals> {
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  const target = new pg.Client({ connectionString: url, application_name: 'sotto', options: '-c synchronous_commit=on' });
  try {
    const version = source.pragma('user_version', { simple: true }) as number;
    if (version > SQLITE_SCHEMA_VERSION) throw new Error(`${sqliteFile} was written by a newer Sotto (schema version ${version})`);
    const total = source.prepare('SELECT count(*) FROM submissions').pluck().get() as number;
    await target.connect();
    await checkSettings(target);
    await ensureSchema(target, () => ({ serverSecret: randomBytes(32), tokenScope: b64uEncode(randomBytes(12)), tokensSince: Math.floor(Date.now() / 1000) }));

    const rows = source.prepare('SELECT s.id, s.day, s.verifier, s.status, e.bytes FROM submissions s LEFT JOIN envelopes e ON e.id = s.id ORDER BY s.id');
    const acksOf = source.prepare('SELECT editor FROM acks WHERE id = ?').pluck();
    // Story messages exist from schema version 3 on.
    const hasMessages = source.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'messages'").get() !== undefined;
    const messagesOf = hasMessages ? source.prepare('SELECT story, seq, day, bytes FROM messages WHERE story = ?') : undefined;
    const totals: MigrationTotals = { submissions: 0, envelopes: 0, acks: 0, messages: 0, teamRecords: 0, uploads: 0 };
    let chunk: Row[] = [];
    const flush = async () => {
      await copyChunk(target, chunk, { acksOf: (id) => acksOf.all(id) as string[], messagesOf: (id) => (messagesOf?.all(id) ?? []) as MessageRow[] }, totals);
      progress(totals.submissions, total);
      chunk = [];
    };
    for (const row of rows.iterate() as IterableIterator<Row>) {
      chunk.push(row);
      if (chunk.length === CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
    totals.uploads = await copyAttachments(source, target);
    totals.teamRecords = await copyTeamLog(source, target);
    return totals;
  } finally {
    source.close();
    await target.end().catch(() => {});
  }
}

/** One transaction: the chunk's rows, envelopes and acks, and the quota for what is new. */
async function copyChunk(
  db: pg.Client,
  rows: readonly Row[],
  { acksOf, messagesOf }: { acksOf: (id: Buffer) => string[]; messagesOf: (id: Buffer) => MessageRow[] },
  totals: MigrationTotals,
): Promise<void> {
  const ids = rows.map((row) => row.id);
  await db.query('BEGIN');
  try {
    const added = await db.query(
      `INSERT INTO submissions (id, day, verifier, status) SELECT * FROM unnest($1::bytea[], $2::text[], $3::bytea[], $4::text[])
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status RETURNING (xmax = 0) AS inserted`,
      [ids, rows.map((row) => row.day), rows.map((row) => row.verifier), rows.map((row) => row.status)],
    );
    let charge = added.rows.filter((row) => row.inserted).length * ROW_OVERHEAD_BYTES;
    const kept = rows.filter((row) => row.bytes !== null);
    const envelopes = await db.query<{ length: number }>(
      'INSERT INTO envelopes (id, bytes) SELECT * FROM unnest($1::bytea[], $2::bytea[]) ON CONFLICT (id) DO NOTHING RETURNING length(bytes) AS length',
      [kept.map((row) => row.id), kept.map((row) => row.bytes)],
    );
    charge += envelopes.rows.reduce((sum, row) => sum + row.length, 0);
    // Erased in SQLite since an earlier run: erased here too.
    const gone = rows.filter((row) => row.bytes === null).map((row) => row.id);
    const erased = await db.query<{ length: number }>('DELETE FROM envelopes WHERE id = ANY($1) RETURNING length(bytes) AS length', [gone]);
    await db.query('DELETE FROM acks WHERE id = ANY($1)', [gone]);
    charge -= erased.rows.reduce((sum, row) => sum + row.length, 0);
    const acks = kept.flatMap((row) => acksOf(row.id).map((editor) => ({ id: row.id, editor })));
    const ackRows = await db.query(
      'INSERT INTO acks (id, editor) SELECT * FROM unnest($1::bytea[], $2::text[]) ON CONFLICT DO NOTHING',
      [acks.map((ack) => ack.id), acks.map((ack) => ack.editor)],
    );
    const messages = rows.flatMap((row) => messagesOf(row.id));
    const messageRows = await db.query<{ length: number }>(
      `INSERT INTO messages (story, seq, day, bytes) SELECT * FROM unnest($1::bytea[], $2::int[], $3::text[], $4::bytea[])
       ON CONFLICT DO NOTHING RETURNING length(bytes) AS length`,
      [messages.map((m) => m.story), messages.map((m) => m.seq), messages.map((m) => m.day), messages.map((m) => m.bytes)],
    );
    charge += messageRows.rows.reduce((sum, row) => sum + row.length + ROW_OVERHEAD_BYTES, 0);
    if (charge !== 0) await db.query('UPDATE quota_shards SET bytes = bytes + $1 WHERE shard = $2', [charge, Math.floor(Math.random() * QUOTA_SHARDS)]);
    const present = await db.query<{ n: string }>('SELECT count(*) AS n FROM submissions WHERE id = ANY($1)', [ids]);
    if (Number(present.rows[0]!.n) !== rows.length) throw new Error('a submission did not arrive in PostgreSQL; nothing of this chunk was kept');
    await db.query('COMMIT');
    totals.submissions += rows.length;
    totals.envelopes += envelopes.rows.length;
    totals.acks += ackRows.rowCount ?? 0;
    totals.messages += messageRows.rows.length;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Chunks read and written together: 64 sealed chunks are about 5 MiB. */
const CHUNKS_AT_ONCE = 64;

interface UploadRow {
  id: Buffer;
  day: string;
  files: string;
  chunks: number;
  charge: number;
  submission: Buffer;
}

/** The pictures of every story still held (uploads bound to a submission whose envelope is
 * kept; unbound ones expire within two days and are left behind), one transaction per upload so
 * an upload arrives whole or not at all; its quota charge comes with it. Returns how many were new. */
async function copyAttachments(source: Database.Database, target: pg.Client): Promise<number> {
  // Attachments exist from the schema step that added them on.
  if (source.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'uploads'").get() === undefined) return 0;
  const uploads = source
    .prepare('SELECT u.id, u.day, u.files, u.chunks, u.charge, u.submission FROM uploads u JOIN envelopes e ON e.id = u.submission ORDER BY u.id')
    .all() as UploadRow[];
  const chunksOf = source.prepare('SELECT file, chunk, bytes FROM attachment_chunks WHERE upload = ? ORDER BY file, chunk');
  let added = 0;
  for (const upload of uploads) {
    await target.query('BEGIN');
    try {
      const inserted = await target.query(
        'INSERT INTO uploads (id, day, files, chunks, charge, submission) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
        [upload.id, upload.day, JSON.parse(upload.files) as number[], upload.chunks, upload.charge, upload.submission],
      );
      if (inserted.rowCount === 1) {
        let batch: { file: number; chunk: number; bytes: Buffer }[] = [];
        const flush = async () => {
          await target.query(
            'INSERT INTO attachment_chunks (upload, file, chunk, bytes) SELECT $1, * FROM unnest($2::int[], $3::int[], $4::bytea[])',
            [upload.id, batch.map((c) => c.file), batch.map((c) => c.chunk), batch.map((c) => c.bytes)],
          );
          batch = [];
        };
        for (const chunk of chunksOf.iterate(upload.id) as IterableIterator<{ file: number; chunk: number; bytes: Buffer }>) {
          batch.push(chunk);
          if (batch.length === CHUNKS_AT_ONCE) await flush();
        }
        if (batch.length > 0) await flush();
        await target.query('UPDATE quota_shards SET bytes = bytes + $1 WHERE shard = $2', [upload.charge, Math.floor(Math.random() * QUOTA_SHARDS)]);
        added++;
      }
      await target.query('COMMIT');
    } catch (error) {
      await target.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }
  return added;
}

/** The team log, with its positions (editors' sync cursors name them), in chunks of one
 * transaction each; then the position sequence is moved past every copied record and past every
 * position SQLite ever gave out, so no position is used twice. Returns how many were new. */
async function copyTeamLog(source: Database.Database, target: pg.Client): Promise<number> {
  // The team log exists from the schema step that added it on.
  if (source.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'team_log'").get() === undefined) return 0;
  const rows = source.prepare('SELECT seq, day, record FROM team_log ORDER BY seq').iterate() as IterableIterator<{ seq: number; day: string; record: Buffer }>;
  let added = 0;
  let chunk: { seq: number; day: string; record: Buffer }[] = [];
  const flush = async () => {
    const result = await target.query(
      'INSERT INTO team_log (seq, day, record) SELECT * FROM unnest($1::bigint[], $2::text[], $3::bytea[]) ON CONFLICT (seq) DO NOTHING',
      [chunk.map((r) => r.seq), chunk.map((r) => r.day), chunk.map((r) => r.record)],
    );
    added += result.rowCount ?? 0;
    chunk = [];
  };
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === CHUNK) await flush();
  }
  if (chunk.length > 0) await flush();
  const given = (source.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'team_log'").pluck().get() as number | undefined) ?? 0;
  await target.query(
    "SELECT setval(pg_get_serial_sequence('team_log', 'seq'), GREATEST($1::bigint, (SELECT coalesce(max(seq), 0) FROM team_log), 1), $1::bigint > 0 OR EXISTS (SELECT 1 FROM team_log))",
    [given],
  );
  return added;
}

/** The command line: parses `--from sqlite:PATH --to URL`, prints progress, exits 0 when done. */
export async function runMigrateCommand(args: readonly string[], say: (line: string) => void): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    say(`${USAGE}\nCopies submissions, envelopes, acks, statuses, messages, pictures and the team log from a\nstopped server's SQLite file into PostgreSQL. The SQLite file is left unchanged; running it again copies nothing twice.`);
    return 0;
  }
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const from = value('--from');
  const to = value('--to');
  if (!from?.startsWith('sqlite:') || !to || !/^postgres(ql)?:\/\//.test(to) || args.length !== 4) {
    say(USAGE);
    return 2;
  }
  const totals = await migrateSqliteToPostgres(from.slice('sqlite:'.length), to, (done, total) => say(`migrate: ${done} of ${total} submissions`));
  say(`migrate: done: ${totals.submissions} submissions, ${totals.envelopes} envelopes, ${totals.acks} acks and ${totals.messages} messages new in PostgreSQL; ${from.slice(7)} is unchanged`);
  say(`migrate: ${totals.uploads} stories' pictures and ${totals.teamRecords} team log records new in PostgreSQL`);
  return 0;
}
