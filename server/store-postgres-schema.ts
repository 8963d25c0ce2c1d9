// The PostgreSQL store's schema and its version (README.md "Several instances on PostgreSQL").
// One row of sotto_meta says what the database is: the schema version, the challenge secret every
// instance shares, and the scope of the spent-token registry. Several instances may start at once:
// creation runs under an advisory lock, so exactly one creates and the others find it done.
//
// Privacy in the layout (SECURITY.md §5): no column holds a time finer than the UTC day or
// anything about a client; envelopes live in a table of their own whose autovacuum runs after a
// single dead row, so an erased envelope's tuple is reclaimed within autovacuum_naptime.

import type { ClientBase } from 'pg';
import { SUBMISSION_STATUSES } from '../crypto/contract.ts';
import { StoreVersionError } from './store.ts';

/** Attachments (SECURITY.md §5 "Attachments"): uploads made before their story, bound to it by
 * the story's commit, their chunks erased with its envelope. Like envelopes, chunks are vacuumed
 * after a single dead row and stored out of line without compression. */
const ATTACHMENTS = `
CREATE TABLE uploads (
  id bytea PRIMARY KEY CHECK (length(id) = 32),
  day text COLLATE "C" NOT NULL CHECK (length(day) = 10),
  files integer[] NOT NULL,
  chunks integer NOT NULL,
  charge bigint NOT NULL,
  submission bytea UNIQUE REFERENCES submissions (id)
);
CREATE INDEX uploads_unbound ON uploads (day) WHERE submission IS NULL;
CREATE TABLE attachment_chunks (
  upload bytea NOT NULL REFERENCES uploads (id),
  file integer NOT NULL,
  chunk integer NOT NULL,
  bytes bytea NOT NULL,
  PRIMARY KEY (upload, file, chunk)
) WITH (
  autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1,
  toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 1
);
ALTER TABLE attachment_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
`;

/** The team log (server/team-api.ts): bigserial positions, appends serialised (store-postgres.ts)
 * so they commit in order; like envelopes, out of line and vacuumed after a single dead row. */
const TEAM_LOG = `
CREATE TABLE team_log (
  seq bigserial PRIMARY KEY,
  day text COLLATE "C" NOT NULL CHECK (length(day) = 10),
  record bytea NOT NULL
) WITH (
  autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1,
  toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 1
);
ALTER TABLE team_log ALTER COLUMN record SET STORAGE EXTERNAL;
CREATE INDEX team_log_by_day ON team_log (day);
`;

/** MIGRATIONS[n] brings a database from version n + 1 to n + 2 (version 1 is TABLES_V1). */
const MIGRATIONS: readonly string[] = [
  // 1 → 2: attachments, in tables of their own; nothing existing changes.
  ATTACHMENTS,
  // 2 → 3: the team log, a table of its own; nothing existing changes.
  TEAM_LOG,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = 1 + MIGRATIONS.length;
/** The quota counter is split into rows picked at random, so concurrent commits from several
 * instances do not queue on one row lock. */
export const QUOTA_SHARDS = 16;
/** pg_advisory_xact_lock key for schema creation ("Sott"). */
const SCHEMA_LOCK = 0x536f7474;

const TABLES_V1 = `
CREATE TABLE sotto_meta (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  schema_version integer NOT NULL,
  server_secret bytea NOT NULL CHECK (length(server_secret) = 32),
  token_scope text NOT NULL,
  tokens_since bigint NOT NULL
);
CREATE TABLE submissions (
  id bytea PRIMARY KEY CHECK (length(id) = 16),
  day text COLLATE "C" NOT NULL CHECK (length(day) = 10),
  verifier bytea NOT NULL UNIQUE CHECK (length(verifier) = 32),
  status text NOT NULL CHECK (status IN (${SUBMISSION_STATUSES.map((s) => `'${s}'`).join(', ')}))
);
CREATE INDEX submissions_by_day ON submissions (day, id);
CREATE TABLE envelopes (
  id bytea PRIMARY KEY REFERENCES submissions (id),
  bytes bytea NOT NULL
) WITH (
  autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1,
  toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 1
);
-- Ciphertext does not compress: store it out of line without trying.
ALTER TABLE envelopes ALTER COLUMN bytes SET STORAGE EXTERNAL;
CREATE TABLE acks (
  id bytea NOT NULL REFERENCES submissions (id),
  editor text NOT NULL,
  PRIMARY KEY (id, editor)
);
CREATE TABLE quota_shards (shard integer PRIMARY KEY, bytes bigint NOT NULL);
INSERT INTO quota_shards SELECT g, 0 FROM generate_series(0, ${QUOTA_SHARDS - 1}) g;
CREATE TABLE spent_tokens (
  kind text NOT NULL,
  token text NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (kind, token)
);
-- Each running instance's count of submissions stored since it started, updated in place: the
-- instances add up each other's increments into the rate behind the difficulty
-- (server/difficulty-shared.ts). No time of any submission is kept.
CREATE TABLE instance_counts (instance text PRIMARY KEY, stored bigint NOT NULL, seen_second bigint NOT NULL);
`;

/** Every editor this database has known: `left_day` NULL while configured, else the first day an
 * instance started without them. Envelopes from up to that day wait for them (issue of editors
 * leaving: README.md "Editors leaving"); created on databases from before it existed too. */
const ROSTER = 'CREATE TABLE IF NOT EXISTS editor_roster (editor text PRIMARY KEY, left_day text CHECK (length(left_day) = 10))';

/** Story messages (crypto/message.ts), created on databases from before they existed too: like
 * envelopes, out of line, and vacuumed after a single dead row. */
const MESSAGES = `
CREATE TABLE IF NOT EXISTS messages (
  story bytea NOT NULL REFERENCES submissions (id),
  seq integer NOT NULL CHECK (seq >= 1),
  day text COLLATE "C" NOT NULL CHECK (length(day) = 10),
  bytes bytea NOT NULL,
  PRIMARY KEY (story, seq)
) WITH (
  autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1,
  toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 1
);
ALTER TABLE messages ALTER COLUMN bytes SET STORAGE EXTERNAL;
CREATE INDEX IF NOT EXISTS messages_by_day ON messages (day, story, seq);
`;

export interface Meta {
  serverSecret: Uint8Array;
  tokenScope: string;
  tokensSince: number;
}

/**
 * Creates the tables on an empty database, or checks the version of an existing one, and returns
 * its sotto_meta row. `fresh` supplies the secret and scope for a new database. Throws
 * StoreVersionError for a database of a newer Sotto or one that is not Sotto's.
 */
export async function ensureSchema(client: ClientBase, fresh: () => Meta): Promise<Meta> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    const exists = await client.query<{ meta: string | null; submissions: string | null }>(
      "SELECT to_regclass('sotto_meta') AS meta, to_regclass('submissions') AS submissions",
    );
    const { meta, submissions } = exists.rows[0]!;
    if (!meta && submissions) throw new StoreVersionError('the database holds a submissions table but is not a Sotto database');
    if (!meta) {
      const created = fresh();
      await client.query(TABLES_V1);
      await client.query('INSERT INTO sotto_meta (schema_version, server_secret, token_scope, tokens_since) VALUES ($1, $2, $3, $4)', [
        1, created.serverSecret, created.tokenScope, created.tokensSince,
      ]);
    }
    const row = (
      await client.query<{ schema_version: number; server_secret: Buffer; token_scope: string; tokens_since: string }>('SELECT * FROM sotto_meta')
    ).rows[0];
    if (!row) throw new StoreVersionError('the database is not a Sotto database (sotto_meta is empty)');
    if (row.schema_version > SCHEMA_VERSION) {
      throw new StoreVersionError(
        `the database was written by a newer Sotto (schema version ${row.schema_version}; this one knows up to ${SCHEMA_VERSION}); run the newer version or restore a backup`,
      );
    }
    for (const step of MIGRATIONS.slice(row.schema_version - 1)) await client.query(step);
    if (row.schema_version < SCHEMA_VERSION) await client.query('UPDATE sotto_meta SET schema_version = $1', [SCHEMA_VERSION]);
    await client.query(ROSTER);
    await client.query(MESSAGES);
    await client.query('COMMIT');
    return { serverSecret: new Uint8Array(row.server_secret), tokenScope: row.token_scope, tokensSince: Number(row.tokens_since) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Server settings Sotto refuses to run under, and why (README.md "Several instances on
 * PostgreSQL" shows the configuration). Checked at every start. */
const REQUIRED_SETTINGS: readonly { name: string; allowed: readonly string[]; why: string }[] = [
  { name: 'fsync', allowed: ['on'], why: 'a 201 must mean the story is on disk' },
  { name: 'log_statement', allowed: ['none'], why: 'statements must not be logged' },
  { name: 'log_connections', allowed: ['off'], why: 'connections must not be logged' },
  { name: 'log_disconnections', allowed: ['off'], why: 'connections must not be logged' },
  { name: 'log_duration', allowed: ['off'], why: 'statement timings must not be logged' },
  { name: 'log_min_duration_statement', allowed: ['-1'], why: 'statements must not be logged' },
  { name: 'log_min_error_statement', allowed: ['fatal', 'panic'], why: 'failing statements must not be logged' },
  { name: 'track_commit_timestamp', allowed: ['off'], why: 'commit times would date every submission to the second' },
];

/** Throws, naming the first setting that breaks Sotto's promises. */
export async function checkSettings(client: ClientBase): Promise<void> {
  const names = REQUIRED_SETTINGS.map((setting) => setting.name);
  const rows = (await client.query<{ name: string; setting: string }>('SELECT name, setting FROM pg_settings WHERE name = ANY($1)', [names])).rows;
  const actual = new Map(rows.map((row) => [row.name, row.setting]));
  for (const { name, allowed, why } of REQUIRED_SETTINGS) {
    const value = actual.get(name);
    if (value !== undefined && !allowed.includes(value)) {
      throw new Error(`PostgreSQL setting ${name} = ${value}: Sotto needs ${allowed.join(' or ')} (${why})`);
    }
  }
}
