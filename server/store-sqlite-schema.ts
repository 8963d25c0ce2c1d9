// The SQLite store's schema and its versions. The file marks itself: application_id says it is a
// Sotto database, user_version is the schema version. At open, a file of a newer version or of
// another program is refused; an older one is migrated in one transaction, so a crash midway
// leaves the old version whole. Version 0 is the unversioned schema of Sotto before versions.

import type Database from 'better-sqlite3';
import { SUBMISSION_STATUSES } from '../crypto/contract.ts';
import { StoreVersionError } from './store.ts';

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

/** MIGRATIONS[n] brings a database from version n to n + 1. */
const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  // 0 → 1: the tables are unchanged; the file only learns its application id and version.
  () => {},
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Refuses, before anything is written to it, a database of another program, of a newer Sotto, or
 * one created without auto_vacuum (pages freed in it would keep erased bytes). Returns whether the
 * tables still have to be created or migrated.
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
  if (tables.length === 0) return 'create';
  if (db.pragma('auto_vacuum', { simple: true }) === 0) {
    throw new StoreVersionError(`${file} was created without auto_vacuum; erased data could survive in it`);
  }
  return version < SCHEMA_VERSION || applicationId === 0 ? 'migrate' : 'current';
}

/** Creates the tables (auto_vacuum must be set already) or migrates them, in one transaction. */
export function updateSchema(db: Database.Database, action: 'create' | 'migrate' | 'current'): void {
  if (action === 'current') return;
  const version = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    if (action === 'create') db.exec(TABLES_V1);
    for (const migrate of MIGRATIONS.slice(action === 'create' ? 1 : version)) migrate(db);
    stamp(db);
  }).immediate();
}

function stamp(db: Database.Database): void {
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
