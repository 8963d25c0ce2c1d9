// The vault: one SQLite file in a directory the editor owns. It holds envelopes exactly as
// received and, for each story, whether its author withdrew it, whether the editor dismissed it,
// its review state (sealed by review-state.ts) and any second copy received under the same id.
// Nothing in it is plaintext except ids, day-level dates and flags, which the server knows too.
//
// Authenticated (SECURITY.md §6 "The authenticated vault"): every record carries a MAC over all
// of its fields (vault-mac.ts), checked whenever the record is read, and a manifest MAC over every
// record's tag, a write counter and the vault's settings is checked at open and inside every
// write transaction before anything is changed. Keys come from the editor's secret key
// (vault-keys.ts), so whoever can only write the file cannot add, remove, swap or roll back a
// record, a decision or a withdrawal without the vault saying so.

import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { equalBytes, hexDecode, hexEncode } from '../crypto/bytes.ts';
import type { Sodium } from '../crypto/sodium.ts';
import { CliError } from './errors.ts';
import { resolveStoryId } from './short-id.ts';
import { contentHash, manifestMac, recordTag, sameMac, teamRowTag, type RecordFields, type TeamRowFields } from './vault-mac.ts';
import type { VaultKeys, VaultKind } from './vault-keys.ts';
import { shortId } from './short-id.ts';

export interface StoredEnvelope {
  id: string;
  day: string;
  envelope: Uint8Array;
}

/** A story as stored: its envelope and every field its tag covers (vault-mac.ts RecordFields:
 * withdrawn, dismissed by the editor, the review state's version and sealed bytes, and a
 * quarantined second copy). */
export interface VaultRow extends StoredEnvelope, RecordFields {}

/** What a v1 vault held for one story, for the one-time migration. */
export interface LegacyState {
  id: string;
  envelopeHash: Uint8Array;
  sealed: Uint8Array;
}

export interface Migration {
  /** Review states re-sealed under the new scheme. */
  carried: number;
  /** Stories whose v1 review state could not be opened: they start again as new. */
  dropped: string[];
}

export interface OpenOptions {
  create: boolean;
  sodium: Sodium;
  /** The key id of the editor whose vault this is. */
  owner: string;
  /** Keys for a full vault (only the full secret key yields them) and for a relay vault. */
  keys: { full?: VaultKeys; relay: VaultKeys };
  /** Re-seals a v1 review state under the new scheme (version 1), or null if it cannot be read. */
  resealLegacy?: (legacy: LegacyState) => Uint8Array | null;
}

export const VAULT_FILE = 'vault.db';
// PRAGMA application_id marks the file as ours ("STV1"); user_version is the schema version.
export const APPLICATION_ID = 0x53545631;
const SCHEMA_VERSION = 3;

// The team log as received from the server and as written here (team-log.ts): each record's
// bytes exactly as sent (sealed to the editors, signed inside), with the story and author it
// names, so one story's records are read without opening the others.
const TEAM_SCHEMA = `
  CREATE TABLE team (
    seq INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, server_seq INTEGER UNIQUE, story TEXT NOT NULL,
    author TEXT NOT NULL, n INTEGER NOT NULL, record BLOB NOT NULL, tag BLOB NOT NULL, UNIQUE (author, n)
  ) STRICT;
  CREATE INDEX team_by_story ON team (story, seq);
`;

const SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE stories (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, day TEXT NOT NULL, envelope BLOB NOT NULL,
    withdrawn INTEGER NOT NULL, dismissed INTEGER NOT NULL, version INTEGER NOT NULL,
    state BLOB, conflict BLOB, tag BLOB NOT NULL
  ) STRICT;
  ${TEAM_SCHEMA}
`;

/** A team log record as stored, once its tag matched. */
export interface TeamRow extends TeamRowFields {
  record: Uint8Array;
}

interface RawTeamRow {
  hash: Buffer;
  server_seq: number | null;
  story: string;
  author: string;
  n: number;
  record: Buffer;
  tag: Buffer;
}

const TEAM_SELECT = 'SELECT hash, server_seq, story, author, n, record, tag FROM team';

interface RawRow {
  id: string;
  day: string;
  envelope: Buffer;
  withdrawn: number;
  dismissed: number;
  version: number;
  state: Buffer | null;
  conflict: Buffer | null;
  tag: Buffer;
}

/** Sealed attachments (SECURITY.md §2 "Attachments"), as pulled. Not covered by the record MACs:
 * each is opened only with the key its story's envelope carries (itself under the record MAC), so
 * a file altered, swapped or removed in the vault fails to open and is reported; none is trusted
 * unopened. Created on first open by a version that knows it: older versions ignore the table. */
const ATTACHMENTS_TABLE = `
  CREATE TABLE IF NOT EXISTS attachments (
    id TEXT NOT NULL, file INTEGER NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY (id, file)
  ) STRICT;
`;

const ROW_SELECT = 'SELECT id, day, envelope, withdrawn, dismissed, version, state, conflict, tag FROM stories';

const RELAY_VAULT = 'this vault was made with a pull-only key: it holds envelopes only. Carry its `export-inbox` file to your offline vault';

export const ALTERED_VAULT =
  'the vault was altered outside sotto-review: its records do not match the manifest sealed with your key ' +
  '(a story, decision or withdrawal was added, removed, swapped or rolled back). Nothing was used or changed. ' +
  'Restore your latest backup (`sotto-review restore`), or import another editor\'s transfer file into a new vault';

export class Vault {
  private constructor(
    private readonly db: Database.Database,
    readonly dir: string,
    private readonly sodium: Sodium,
    private readonly keys: VaultKeys,
    /** What the one-time upgrade from a v1 vault did in this open, or null. */
    readonly migrated: Migration | null,
  ) {}

  get kind(): VaultKind {
    return this.keys.kind;
  }

  /** Throws CliError for a relay vault: it holds no stories to review. */
  requireFull(): void {
    if (this.keys.kind !== 'full') throw new CliError(RELAY_VAULT);
  }

  /** The review-state key: only a full vault opened with the full secret key has one. */
  get stateKey(): Uint8Array {
    if (!this.keys.state) throw new CliError(RELAY_VAULT);
    return this.keys.state;
  }

  get backupKey(): Uint8Array {
    if (!this.keys.backup) throw new CliError('only your full secret key can back up or restore a vault');
    return this.keys.backup;
  }

  /** Throws CliError when `dir` holds no vault. */
  static requireExisting(dir: string): void {
    if (!existsSync(path.join(dir, VAULT_FILE))) {
      throw new CliError(`no vault in ${dir}: run \`sotto-review pull\` or \`sotto-review import\` first, or pass --vault DIR`);
    }
  }

  /** Opens (or with `create`, makes: directory 0700, file 0600) the vault in `dir`, checks it
   * belongs to `owner`, migrates a v1 vault, and checks the manifest. Throws CliError. */
  static open(dir: string, options: OpenOptions): Vault {
    const file = path.join(dir, VAULT_FILE);
    if (!options.create) Vault.requireExisting(dir);
    else if (!existsSync(file)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    const db = new Database(file, { timeout: 3000 });
    try {
      chmodSync(file, 0o600);
      db.pragma('secure_delete = ON');
      db.pragma('synchronous = FULL');
      const appId = db.pragma('application_id', { simple: true }) as number;
      const version = db.pragma('user_version', { simple: true }) as number;
      let migrated: Migration | null = null;
      let keys: VaultKeys;
      if (appId === 0 && version === 0) {
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
        if (tables !== 0) throw new CliError(`${file} is not a Sotto vault`);
        keys = options.keys.full ?? options.keys.relay;
        db.transaction(() => {
          db.exec(SCHEMA);
          setMeta(db, 'kind', keys.kind);
          setMeta(db, 'owner', options.owner);
          setMeta(db, 'counter', '0');
          setMeta(db, 'editors', '');
          initTeamMeta(db);
          db.pragma(`application_id = ${APPLICATION_ID}`);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
          writeManifest(db, options.sodium, keys, 0);
        }).immediate();
      } else if (appId !== APPLICATION_ID) {
        throw new CliError(`${file} is not a Sotto vault`);
      } else if (version > SCHEMA_VERSION) {
        throw new CliError('this vault was made by a newer sotto-review; update sotto-review first');
      } else if (version === 1) {
        ({ keys, migrated } = migrateFromV1(db, options));
      } else {
        keys = keysOfKind(getMeta(db, 'kind') as VaultKind, options);
        if (version === 2) migrateToV3(db, options.sodium, keys);
      }
      const owner = getMeta(db, 'owner');
      if (owner !== options.owner) throw new CliError(`this vault belongs to another editor key (key id ${owner}); use your own vault (--vault DIR)`);
      if (!manifestHolds(db, options.sodium, keys)) throw new CliError(ALTERED_VAULT);
      db.exec(ATTACHMENTS_TABLE);
      return new Vault(db, dir, options.sodium, keys, migrated);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }

  /** Runs `work` as one write transaction (IMMEDIATE: the write lock is taken first). The manifest
   * is checked before `work` and sealed again, with the counter bumped, after it. Nested calls
   * become part of the outer transaction. */
  transaction<T>(work: () => T): T {
    if (this.db.inTransaction) return work();
    return this.db.transaction(() => {
      const counter = Number(getMeta(this.db, 'counter'));
      if (!manifestHolds(this.db, this.sodium, this.keys)) throw new CliError(ALTERED_VAULT);
      const result = work();
      writeManifest(this.db, this.sodium, this.keys, counter + 1);
      return result;
    }).immediate();
  }

  /** The write counter sealed in the manifest: it grows with every change. */
  counter(): number {
    return Number(getMeta(this.db, 'counter'));
  }

  /** Stores envelopes. An id already present with the same bytes is skipped (pulling or
   * importing twice stores nothing twice); one present with different bytes is quarantined: the
   * story keeps both copies and is refused for review until the editor settles it. Returns the
   * ids added and the ids newly quarantined. */
  addEnvelopes(items: readonly StoredEnvelope[]): { added: number; quarantined: string[] } {
    return this.transaction(() => {
      let added = 0;
      const quarantined: string[] = [];
      for (const item of items) {
        const raw = this.raw(item.id);
        if (!raw) {
          const fields: RecordFields = {
            id: item.id, day: item.day, envelopeHash: contentHash(this.sodium, item.envelope),
            withdrawn: false, dismissed: false, version: 0, state: null, conflict: null,
          };
          this.db
            .prepare('INSERT INTO stories (id, day, envelope, withdrawn, dismissed, version, state, conflict, tag) VALUES (?, ?, ?, 0, 0, 0, NULL, NULL, ?)')
            .run(item.id, item.day, item.envelope, this.tag(fields));
          added++;
          continue;
        }
        const row = this.checked(raw);
        if (equalBytes(row.envelope, item.envelope) || (row.conflict && equalBytes(row.conflict, item.envelope))) continue;
        if (!row.conflict) {
          this.update({ ...row, conflict: item.envelope });
          quarantined.push(item.id);
        }
      }
      return { added, quarantined };
    });
  }

  /** Stores a story's sealed attachments, in order, unless it has them already. */
  addAttachments(id: string, files: readonly Uint8Array[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO attachments (id, file, sealed) VALUES (?, ?, ?)');
    this.transaction(() => files.forEach((sealed, file) => insert.run(id, file, sealed)));
  }

  /** A story's sealed attachments, in order (as stored: open them before trusting them). */
  attachmentsOf(id: string): Uint8Array[] {
    const rows = this.db.prepare('SELECT sealed FROM attachments WHERE id = ? ORDER BY file').pluck().all(id) as Buffer[];
    return rows.map((sealed) => new Uint8Array(sealed));
  }

  /** Flags stories of the vault as withdrawn by their authors; ids not in the vault are ignored
   * (the server erased those before anyone pulled them). Returns how many are new. */
  markWithdrawn(ids: readonly string[]): number {
    return this.transaction(() => {
      let marked = 0;
      for (const id of ids) {
        const raw = this.raw(id);
        if (!raw || raw.withdrawn === 1) continue;
        this.update({ ...this.checked(raw), withdrawn: true });
        marked++;
      }
      return marked;
    });
  }

  /** Sets a story aside: it is no longer counted as unreadable and is never exported. */
  dismiss(id: string): void {
    this.transaction(() => this.update({ ...this.row(id), dismissed: true }));
  }

  /**
   * Saves a review state if the story is still at `expectedVersion`; `seal` gets the new version
   * (it is bound into the sealed state). Returns false, saving nothing, when another
   * sotto-review saved the story meanwhile.
   */
  saveState(id: string, expectedVersion: number, seal: (row: VaultRow, version: number) => Uint8Array): boolean {
    return this.transaction(() => {
      const row = this.row(id);
      if (row.version !== expectedVersion) return false;
      const version = row.version + 1;
      this.update({ ...row, version, state: seal(row, version) });
      return true;
    });
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM stories').pluck().get() as number;
  }

  /** Every story, oldest first, each checked against its tag. Iterates: a large vault is never
   * held in memory at once. */
  *rows(): Generator<VaultRow> {
    for (const raw of this.db.prepare(`${ROW_SELECT} ORDER BY day, seq`).iterate() as Iterable<RawRow>) yield this.checked(raw);
  }

  row(id: string): VaultRow {
    const raw = this.raw(id);
    if (!raw) throw new CliError(`no story "${id}" in the vault`);
    return this.checked(raw);
  }

  /** The wire id for a wire id or a short id (or a unique prefix of one), as `list` shows. */
  resolveId(input: string): string {
    return resolveStoryId(input, this.db.prepare('SELECT id FROM stories ORDER BY seq').pluck().iterate() as Iterable<string>);
  }

  /** The accepted editor set as stored ('' before any was accepted); covered by the manifest. */
  editors(): string {
    return getMeta(this.db, 'editors');
  }

  setEditors(value: string): void {
    this.transaction(() => setMeta(this.db, 'editors', value));
  }

  /** Stories exported only with approvals by this many editors (team-log.ts); 1 by default. */
  approvalsRequired(): number {
    return Number(getMeta(this.db, 'approvals'));
  }

  setApprovalsRequired(count: number): void {
    this.transaction(() => setMeta(this.db, 'approvals', String(count)));
  }

  /** The position in the server's team log up to which this vault has everything. */
  teamCursor(): number {
    return Number(getMeta(this.db, 'team_cursor'));
  }

  setTeamCursor(cursor: number): void {
    this.transaction(() => setMeta(this.db, 'team_cursor', String(cursor)));
  }

  /** Stores a team record (false, storing nothing, when the same bytes are already here). */
  addTeamRecord(row: Omit<TeamRow, 'hash'>): boolean {
    return this.transaction(() => {
      const hash = contentHash(this.sodium, row.record);
      if (this.db.prepare('SELECT 1 FROM team WHERE hash = ?').get(hash)) return false;
      const fields: TeamRowFields = { hash, serverSeq: row.serverSeq, story: row.story, author: row.author, n: row.n };
      this.db.prepare('INSERT INTO team (hash, server_seq, story, author, n, record, tag) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(hash, row.serverSeq, row.story, row.author, row.n, row.record, teamRowTag(this.sodium, this.keys.mac, fields));
      return true;
    });
  }

  /** Notes where the server put a record this vault wrote. */
  setTeamServerSeq(hash: Uint8Array, serverSeq: number): void {
    this.transaction(() => {
      const row = this.checkedTeam(this.db.prepare(`${TEAM_SELECT} WHERE hash = ?`).get(hash) as RawTeamRow);
      const fields: TeamRowFields = { ...row, serverSeq };
      this.db.prepare('UPDATE team SET server_seq = ?, tag = ? WHERE hash = ?').run(serverSeq, teamRowTag(this.sodium, this.keys.mac, fields), hash);
    });
  }

  /** One story's team records (or every record, without `story`), in the order they were stored. */
  *teamRecords(story?: string): Generator<TeamRow> {
    const rows = story === undefined
      ? this.db.prepare(`${TEAM_SELECT} ORDER BY seq`).iterate()
      : this.db.prepare(`${TEAM_SELECT} WHERE story = ? ORDER BY seq`).iterate(story);
    for (const raw of rows as Iterable<RawTeamRow>) yield this.checkedTeam(raw);
  }

  hasTeamRecords(story: string): boolean {
    return this.db.prepare('SELECT 1 FROM team WHERE story = ? LIMIT 1').get(story) !== undefined;
  }

  /** The record with these bytes (by their hash), if the vault holds it. */
  teamRecordByHash(hash: Uint8Array): TeamRow | undefined {
    const raw = this.db.prepare(`${TEAM_SELECT} WHERE hash = ?`).get(hash) as RawTeamRow | undefined;
    return raw && this.checkedTeam(raw);
  }

  /** Records this vault wrote that the server has not taken yet, oldest first. */
  unsentTeamRecords(): TeamRow[] {
    return (this.db.prepare(`${TEAM_SELECT} WHERE server_seq IS NULL ORDER BY seq`).all() as RawTeamRow[]).map((raw) => this.checkedTeam(raw));
  }

  /** The latest record of `author` (highest n), if any. */
  latestTeamRecordOf(author: string): TeamRow | undefined {
    const raw = this.db.prepare(`${TEAM_SELECT} WHERE author = ? ORDER BY n DESC LIMIT 1`).get(author) as RawTeamRow | undefined;
    return raw && this.checkedTeam(raw);
  }

  private checkedTeam(raw: RawTeamRow): TeamRow {
    const row: TeamRow = { hash: contentHash(this.sodium, raw.record), serverSeq: raw.server_seq, story: raw.story, author: raw.author, n: raw.n, record: raw.record };
    if (!sameMac(this.sodium, teamRowTag(this.sodium, this.keys.mac, row), raw.tag) || !sameMac(this.sodium, row.hash, raw.hash)) {
      throw new CliError(ALTERED_VAULT);
    }
    return row;
  }

  /** A consistent copy of the whole vault file, taken in one read transaction (safe while
   * another sotto-review writes: SQLite's serialize reads under a shared lock). */
  snapshot(): Buffer {
    return this.db.transaction(() => {
      if (!manifestHolds(this.db, this.sodium, this.keys)) throw new CliError(ALTERED_VAULT);
      return this.db.serialize();
    })();
  }

  /** Prepared once (rowById, updateById): export reads and marks thousands of rows, and each
   * statement holds native memory until the garbage collector gets to it. */
  private rowById: Database.Statement | undefined;

  private raw(id: string): RawRow | undefined {
    this.rowById ??= this.db.prepare(`${ROW_SELECT} WHERE id = ?`);
    return this.rowById.get(id) as RawRow | undefined;
  }

  private tag(fields: RecordFields): Uint8Array {
    return recordTag(this.sodium, this.keys.mac, fields);
  }

  /** A stored row, once its tag matches everything in it. Throws CliError naming the story. */
  private checked(raw: RawRow): VaultRow {
    const row: VaultRow = {
      id: raw.id, day: raw.day, envelope: raw.envelope, envelopeHash: contentHash(this.sodium, raw.envelope),
      withdrawn: raw.withdrawn === 1, dismissed: raw.dismissed === 1, version: raw.version, state: raw.state, conflict: raw.conflict,
    };
    if (!sameMac(this.sodium, this.tag(row), raw.tag)) {
      throw new CliError(`story ${shortId(raw.id)}: its vault record was altered outside sotto-review (it does not match its tag); it was not used`);
    }
    return row;
  }

  private updateById: Database.Statement | undefined;

  private update(row: VaultRow): void {
    this.updateById ??= this.db.prepare('UPDATE stories SET withdrawn = ?, dismissed = ?, version = ?, state = ?, conflict = ?, tag = ? WHERE id = ?');
    this.updateById
      .run(row.withdrawn ? 1 : 0, row.dismissed ? 1 : 0, row.version, row.state, row.conflict, this.tag(row), row.id);
  }
}

function getMeta(db: Database.Database, key: string): string {
  const value = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  if (value === undefined) throw new CliError(ALTERED_VAULT);
  return value;
}

function setMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

function keysOfKind(kind: VaultKind, options: OpenOptions): VaultKeys {
  if (kind === 'relay') return options.keys.relay;
  if (kind === 'full' && options.keys.full) return options.keys.full;
  if (kind === 'full') throw new CliError('this vault holds review decisions: it opens only with your full secret key, not a pull-only key');
  throw new CliError(ALTERED_VAULT);
}

function computeManifest(db: Database.Database, sodium: Sodium, keys: VaultKeys, counter: number): Uint8Array {
  const withTeam = (db.pragma('user_version', { simple: true }) as number) >= 3;
  return manifestMac(sodium, keys.mac, {
    kind: getMeta(db, 'kind'),
    owner: getMeta(db, 'owner'),
    counter,
    editors: getMeta(db, 'editors'),
    tags: db.prepare('SELECT tag FROM stories ORDER BY id').pluck().iterate() as Iterable<Uint8Array>,
    team: withTeam
      ? { approvals: getMeta(db, 'approvals'), cursor: getMeta(db, 'team_cursor'), tags: db.prepare('SELECT tag FROM team ORDER BY seq').pluck().iterate() as Iterable<Uint8Array> }
      : undefined,
  });
}

function initTeamMeta(db: Database.Database): void {
  setMeta(db, 'approvals', '1');
  setMeta(db, 'team_cursor', '0');
}

/** v2 → v3 (the team log), in one transaction at the first open: the v2 manifest is checked
 * first, so nothing altered is carried over, and sealed again covering the team log. */
function migrateToV3(db: Database.Database, sodium: Sodium, keys: VaultKeys): void {
  db.transaction(() => {
    if (!manifestHolds(db, sodium, keys)) throw new CliError(ALTERED_VAULT);
    db.exec(TEAM_SCHEMA);
    initTeamMeta(db);
    db.pragma('user_version = 3');
    writeManifest(db, sodium, keys, Number(getMeta(db, 'counter')) + 1);
  }).immediate();
}

function manifestHolds(db: Database.Database, sodium: Sodium, keys: VaultKeys): boolean {
  const counter = Number(getMeta(db, 'counter'));
  const stored = getMeta(db, 'manifest');
  if (!Number.isSafeInteger(counter) || !/^[0-9a-f]{64}$/.test(stored)) return false;
  return getMeta(db, 'kind') === keys.kind && sameMac(sodium, computeManifest(db, sodium, keys, counter), hexDecode(stored));
}

function writeManifest(db: Database.Database, sodium: Sodium, keys: VaultKeys, counter: number): void {
  setMeta(db, 'counter', String(counter));
  setMeta(db, 'manifest', hexEncode(computeManifest(db, sodium, keys, counter)));
}

/** v1 (review states sealed to the editor's public key, withdrawn flags in plain rows) → v2, in
 * one transaction, on the first unlock. What v1 held is taken as it is: it could not be checked. */
function migrateFromV1(db: Database.Database, options: OpenOptions): { keys: VaultKeys; migrated: Migration } {
  const { sodium } = options;
  const reviews = db.prepare('SELECT count(*) FROM reviews').pluck().get() as number;
  if (reviews > 0 && !options.keys.full) {
    throw new CliError('this vault needs a one-time upgrade that only your full secret key can make: run `sotto-review list` with it once');
  }
  const chosen = options.keys.full ?? options.keys.relay;
  const owner = db.prepare("SELECT value FROM meta WHERE key = 'owner'").pluck().get() as string | undefined;
  if (owner !== undefined && owner !== options.owner) throw new CliError(`this vault belongs to another editor key (key id ${owner}); use your own vault (--vault DIR)`);
  const migrated: Migration = { carried: 0, dropped: [] };
  db.transaction(() => {
    const old = db.prepare(`
      SELECT e.id, e.day, e.envelope, (w.id IS NOT NULL) AS withdrawn, r.state
      FROM envelopes e LEFT JOIN withdrawn w ON w.id = e.id LEFT JOIN reviews r ON r.id = e.id ORDER BY e.seq`).all() as
      { id: string; day: string; envelope: Buffer; withdrawn: number; state: Buffer | null }[];
    db.exec('DROP TABLE reviews; DROP TABLE withdrawn; DROP TABLE envelopes; DROP TABLE meta;');
    db.exec(SCHEMA);
    setMeta(db, 'kind', chosen.kind);
    setMeta(db, 'owner', options.owner);
    setMeta(db, 'editors', '');
    initTeamMeta(db);
    const insert = db.prepare('INSERT INTO stories (id, day, envelope, withdrawn, dismissed, version, state, conflict, tag) VALUES (?, ?, ?, ?, 0, ?, ?, NULL, ?)');
    for (const r of old) {
      const envelopeHash = contentHash(sodium, r.envelope);
      const state = r.state && options.resealLegacy ? options.resealLegacy({ id: r.id, envelopeHash, sealed: r.state }) : null;
      const version = state ? 1 : 0;
      if (state) migrated.carried++;
      else if (r.state) migrated.dropped.push(r.id);
      const fields: RecordFields = { id: r.id, day: r.day, envelopeHash, withdrawn: r.withdrawn === 1, dismissed: false, version, state, conflict: null };
      insert.run(r.id, r.day, r.envelope, r.withdrawn, version, state, recordTag(sodium, chosen.mac, fields));
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    writeManifest(db, sodium, chosen, 0);
  }).immediate();
  return { keys: chosen, migrated };
}
