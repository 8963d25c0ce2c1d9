// The vault: one SQLite file in a directory the editor owns (SECURITY.md §6).
// It holds envelopes exactly as received, which submissions were withdrawn, and each story's
// review state sealed to the editor's own key (review-state.ts). Nothing in it is plaintext
// except ids, day-level dates and the withdrawn flags, which the server knows too.

import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { equalBytes } from '../crypto/bytes.ts';
import { CliError } from './errors.ts';

export interface StoredEnvelope {
  id: string;
  day: string;
  envelope: Uint8Array;
}

export interface VaultRow extends StoredEnvelope {
  withdrawn: boolean;
  /** The sealed review state, or null before the editor did anything with the story. */
  state: Uint8Array | null;
}

const FILE_NAME = 'vault.db';
// PRAGMA application_id marks the file as ours ("STV1"); user_version is the schema version.
const APPLICATION_ID = 0x53545631;
const SCHEMA_VERSION = 1;
const MIN_PREFIX = 4;

const SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE envelopes (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, day TEXT NOT NULL, envelope BLOB NOT NULL) STRICT;
  CREATE TABLE withdrawn (id TEXT PRIMARY KEY) STRICT;
  CREATE TABLE reviews (id TEXT PRIMARY KEY REFERENCES envelopes(id), state BLOB NOT NULL) STRICT;
`;

interface RawRow {
  id: string;
  day: string;
  envelope: Buffer;
  withdrawn: number;
  state: Buffer | null;
}

const ROW_SELECT = `
  SELECT e.id, e.day, e.envelope, (w.id IS NOT NULL) AS withdrawn, r.state
  FROM envelopes e LEFT JOIN withdrawn w ON w.id = e.id LEFT JOIN reviews r ON r.id = e.id`;

function toRow(raw: RawRow): VaultRow {
  return { id: raw.id, day: raw.day, envelope: raw.envelope, withdrawn: raw.withdrawn === 1, state: raw.state };
}

export class Vault {
  private constructor(private readonly db: Database.Database, readonly dir: string) {}

  /** Opens the vault in `dir`. With `create`, makes the directory (0700) and file (0600) first.
   * Throws CliError if there is no vault (without `create`), or the file is not a Sotto vault. */
  static open(dir: string, options: { create: boolean }): Vault {
    const file = path.join(dir, FILE_NAME);
    if (!existsSync(file)) {
      if (!options.create) throw new CliError(`no vault in ${dir}: run \`sotto-review pull\` or \`sotto-review import\` first, or pass --vault DIR`);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    const db = new Database(file, { timeout: 3000 });
    try {
      chmodSync(file, 0o600);
      db.pragma('secure_delete = ON');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      const appId = db.pragma('application_id', { simple: true }) as number;
      const version = db.pragma('user_version', { simple: true }) as number;
      if (appId === 0 && version === 0) {
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
        if (tables.n !== 0) throw new CliError(`${file} is not a Sotto vault`);
        db.transaction(() => {
          db.exec(SCHEMA);
          db.pragma(`application_id = ${APPLICATION_ID}`);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        })();
      } else if (appId !== APPLICATION_ID) {
        throw new CliError(`${file} is not a Sotto vault`);
      } else if (version > SCHEMA_VERSION) {
        throw new CliError('this vault was made by a newer sotto-review; update sotto-review first');
      }
    } catch (error) {
      db.close();
      throw error;
    }
    return new Vault(db, dir);
  }

  close(): void {
    this.db.close();
  }

  /** Ties the vault to one editor key: review states are sealed to it, so a second key could
   * never read them. Throws CliError when the vault already belongs to another key. */
  bindOwner(keyIdHex: string): void {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'owner'").get() as { value: string } | undefined;
    if (!row) this.db.prepare("INSERT INTO meta (key, value) VALUES ('owner', ?)").run(keyIdHex);
    else if (row.value !== keyIdHex) {
      throw new CliError(`this vault belongs to another editor key (key id ${row.value}); use your own vault (--vault DIR)`);
    }
  }

  /** Stores envelopes in one transaction. An id already present is skipped (pulling or
   * importing twice stores nothing twice); one present with different bytes is counted as a
   * conflict and the first copy kept. */
  addEnvelopes(items: readonly StoredEnvelope[]): { added: number; conflicts: number } {
    const select = this.db.prepare('SELECT envelope FROM envelopes WHERE id = ?').pluck();
    const insert = this.db.prepare('INSERT INTO envelopes (id, day, envelope) VALUES (?, ?, ?)');
    return this.db.transaction(() => {
      let added = 0;
      let conflicts = 0;
      for (const item of items) {
        const existing = select.get(item.id) as Buffer | undefined;
        if (!existing) {
          insert.run(item.id, item.day, item.envelope);
          added++;
        } else if (!equalBytes(existing, item.envelope)) conflicts++;
      }
      return { added, conflicts };
    })();
  }

  /** Flags stories of the vault as withdrawn by their authors; ids not in the vault are
   * ignored (the server erased those before anyone pulled them). Returns how many are new. */
  markWithdrawn(ids: readonly string[]): number {
    const mark = this.db.prepare('INSERT OR IGNORE INTO withdrawn (id) SELECT id FROM envelopes WHERE id = ?');
    return this.db.transaction(() => ids.reduce((n, id) => n + mark.run(id).changes, 0))();
  }

  /** Runs `work` in one transaction (nested vault writes become part of it). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM envelopes').pluck().get() as number;
  }

  /** Every story, oldest first. Iterates: a large vault is never held in memory at once. */
  *rows(): Generator<VaultRow> {
    for (const raw of this.db.prepare(`${ROW_SELECT} ORDER BY e.day, e.seq`).iterate() as Iterable<RawRow>) yield toRow(raw);
  }

  row(id: string): VaultRow {
    const raw = this.db.prepare(`${ROW_SELECT} WHERE e.id = ?`).get(id) as RawRow | undefined;
    if (!raw) throw new CliError(`no story "${id}" in the vault`);
    return toRow(raw);
  }

  /** The full id for an id or a unique prefix of at least four characters, as `list` shows. */
  resolveId(input: string): string {
    if (input.length < MIN_PREFIX) throw new CliError(`give at least ${MIN_PREFIX} characters of the story id`);
    const ids = this.db
      .prepare('SELECT id FROM envelopes WHERE substr(id, 1, ?) = ? LIMIT 2')
      .pluck()
      .all(input.length, input) as string[];
    if (ids.length === 0) throw new CliError(`no story "${input}" in the vault`);
    if (ids.length > 1) throw new CliError(`"${input}" matches more than one story; give more characters`);
    return ids[0]!;
  }

  saveStates(states: readonly { id: string; state: Uint8Array }[]): void {
    const upsert = this.db.prepare('INSERT INTO reviews (id, state) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state');
    this.db.transaction(() => {
      for (const { id, state } of states) upsert.run(id, state);
    })();
  }

  *envelopes(): Generator<StoredEnvelope> {
    for (const raw of this.db.prepare('SELECT id, day, envelope FROM envelopes ORDER BY seq').iterate() as Iterable<StoredEnvelope>) yield raw;
  }

  withdrawnIds(): string[] {
    return this.db.prepare('SELECT id FROM withdrawn ORDER BY id').pluck().all() as string[];
  }
}
