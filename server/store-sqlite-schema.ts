// The SQLite store's schema and its versions. The file marks itself: application_id says it is a
// Sotto database, user_version is the schema version. At open, a file of a newer version or of
// another program is refused; an older one is migrated in one transaction, so a crash midway
// leaves the old version whole. Version 0 is the unversioned schema of Sotto before versions.

import type Database from 'better-sqlite3';
import { SUBMISSION_STATUSES } from '../crypto/contract.ts';
import { ROW_OVERHEAD_BYTES, StoreVersionError } from './store.ts';

/** PRAGMA auto_vacuum's answers. */
export const AUTO_VACUUM_NONE = 0;
export const AUTO_VACUUM_INCREMENTAL = 2;

/** "Sott" in ASCII. */
export const APPLICATION_ID = 0x536f7474;

const TABLES_V1 = `
CREATE TABLE submissions (
  id BLOB PRIMARY KEY CHECK (length(id) = 16),
  day TEXT NOT NULL CHECK (length(day) = 10),
  verifier BLOB NOT NULL UNIQUE CHECK (length(verifier) = 32),
  status TEXT NOT NULL CHECK (status IN (${SUBMISSION_STATUSES.map((s) => `'${s}'`).join(', ')}))
) STRICT, WITHOUT ROWID;
CREATE INDEX submissions_by_day ON submissions (day, id);
CREATE TABLE envelopes (
  id BLOB PRIMARY KEY REFERENCES submissions (id),
  bytes BLOB NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE acks (
  id BLOB NOT NULL REFERENCES submissions (id),
  editor TEXT NOT NULL,
  PRIMARY KEY (id, editor)
) STRICT, WITHOUT ROWID;
`;

/** What a migration may need beyond the file: the editors configured now. */
export interface MigrationContext {
  editorKeyIds: readonly string[];
}

const V2 = `
CREATE TABLE pending (
  editor TEXT NOT NULL,
  day TEXT NOT NULL,
  id BLOB NOT NULL REFERENCES submissions (id),
  PRIMARY KEY (editor, day, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX pending_by_id ON pending (id);
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE former_editors (
  editor TEXT PRIMARY KEY,
  since_day TEXT NOT NULL CHECK (length(since_day) = 10)
) STRICT, WITHOUT ROWID;
CREATE INDEX submissions_withdrawn ON submissions (id) WHERE status = 'withdrawn';
`;

// The team log (server/team-api.ts): records in the order they were appended. AUTOINCREMENT:
// a position is never used twice, even after the last record was deleted by retention, so an
// editor's cursor never skips a record.
const TEAM_LOG = `
CREATE TABLE team_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  day TEXT NOT NULL CHECK (length(day) = 10),
  record BLOB NOT NULL
) STRICT;
CREATE INDEX team_log_by_day ON team_log (day);
`;

/** Story messages (crypto/message.ts): ciphertext, the UTC day, and the story it belongs to by
 * the story's random id; `seq` orders a story's own messages, nothing orders different stories'. */
const MESSAGES = `
CREATE TABLE messages (
  story BLOB NOT NULL REFERENCES submissions (id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  day TEXT NOT NULL CHECK (length(day) = 10),
  bytes BLOB NOT NULL,
  PRIMARY KEY (story, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX messages_by_day ON messages (day, story, seq);
`;

/** Attachments (SECURITY.md §5 "Attachments"): an upload is made before its story and bound to it
 * by the story's commit (`submission`); its chunks are erased with the story's envelope. `day` is
 * the only date, for expiring uploads no story claimed; `charge` is what it took from the quota. */
const ATTACHMENTS = `
CREATE TABLE uploads (
  id BLOB PRIMARY KEY CHECK (length(id) = 32),
  day TEXT NOT NULL CHECK (length(day) = 10),
  files TEXT NOT NULL,
  chunks INTEGER NOT NULL,
  charge INTEGER NOT NULL,
  submission BLOB UNIQUE REFERENCES submissions (id)
) STRICT, WITHOUT ROWID;
CREATE INDEX uploads_unbound ON uploads (day) WHERE submission IS NULL;
CREATE TABLE attachment_chunks (
  upload BLOB NOT NULL REFERENCES uploads (id),
  file INTEGER NOT NULL,
  chunk INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (upload, file, chunk)
) STRICT, WITHOUT ROWID;
`;

/** MIGRATIONS[n] brings a database from version n to n + 1. */
const MIGRATIONS: readonly ((db: Database.Database, context: MigrationContext) => void)[] = [
  // 0 → 1: the tables are unchanged; the file only learns its application id and version.
  () => {},
  // 1 → 2: who still has to pull each envelope becomes a table (`pending`, the inbox's index), so
  // an inbox page reads only its own rows; counters keep the quota and each editor's backlog, so
  // nothing counts over envelopes. Version 1 erased an envelope once every configured editor had
  // acknowledged it: pending is exactly the configured editors who had not. Freed pages are then
  // returned in bounded steps (incremental), not at every commit (SECURITY.md §5).
  (db, { editorKeyIds }) => {
    db.exec(V2);
    const addPending = db.prepare(
      'INSERT INTO pending (editor, day, id) SELECT @editor, s.day, s.id FROM submissions s JOIN envelopes e ON e.id = s.id ' +
        'WHERE NOT EXISTS (SELECT 1 FROM acks a WHERE a.id = s.id AND a.editor = @editor)',
    );
    for (const editor of editorKeyIds) addPending.run({ editor });
    db.prepare(
      "INSERT INTO counters (name, value) SELECT 'waiting:' || editor, count(*) FROM pending GROUP BY editor",
    ).run();
    db.prepare(
      "INSERT INTO counters (name, value) SELECT 'used_bytes', (SELECT coalesce(sum(length(bytes)), 0) FROM envelopes) + ? * (SELECT count(*) FROM submissions)",
    ).run(ROW_OVERHEAD_BYTES);
    db.pragma('auto_vacuum = INCREMENTAL');
  },
  // 2 → 3: story messages (replies and answers), a new table; nothing existing changes.
  (db) => db.exec(MESSAGES),
  // 3 → 4: attachments, in tables of their own; nothing existing changes.
  (db) => db.exec(ATTACHMENTS),
  // 4 → 5: the team log (editors' shared review records, end-to-end encrypted), a new table.
  (db) => db.exec(TEAM_LOG),
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Refuses, before anything is written to it, a database of another program, of a newer Sotto, or
 * one created without auto_vacuum (pages freed in it would keep erased bytes). Returns whether the
 * tables still have to be created or migrated. For a new file it sets auto_vacuum, which SQLite
 * only accepts before anything is written (migration 1 → 2 switches an existing file).
 */
export function checkSchema(db: Database.Database, file: string): 'create' | 'migrate' | 'current' {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];

  if (applicationId !== APPLICATION_ID && applicationId !== 0) {
    throw new StoreVersionError(`${file} is not a Sotto database (application id ${applicationId})`);
  }
  if (applicationId === 0 && tables.length > 0 && !(version === 0 && tables.includes('submissions'))) {
    throw new StoreVersionError(`${file} is not a Sotto database`);
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreVersionError(
      `${file} was written by a newer Sotto (schema version ${version}; this one knows up to ${SCHEMA_VERSION}); run the newer version or restore a backup`,
    );
  }
  if (tables.length === 0) {
    db.pragma('auto_vacuum = INCREMENTAL');
    return 'create';
  }
  if (db.pragma('auto_vacuum', { simple: true }) === AUTO_VACUUM_NONE) {
    throw new StoreVersionError(`${file} was created without auto_vacuum; erased data could survive in it`);
  }
  return version < SCHEMA_VERSION || applicationId === 0 ? 'migrate' : 'current';
}

/** Creates the tables or migrates them, in one transaction. For 'create', auto_vacuum must have
 * been set to INCREMENTAL before the file's first write (see checkSchema). */
export function updateSchema(db: Database.Database, action: 'create' | 'migrate' | 'current', context: MigrationContext): void {
  if (action === 'current') return;
  const version = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    if (action === 'create') db.exec(TABLES_V1);
    for (const migrate of MIGRATIONS.slice(action === 'create' ? 1 : version)) migrate(db, context);
    stamp(db);
  }).immediate();
}

function stamp(db: Database.Database): void {
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
