// The team log in the vault and its records: a v2 vault gains the team log at its first open
// with nothing altered; team records deleted or rolled back outside sotto-review are caught by
// the manifest; a record opens only for an editor it was sealed to, only when signed by the
// editor it names, and its signature covers every field.
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateIdentity, publicKeyLineOf } from '../crypto/identity.ts';
import { parsePublicKeyLine } from '../crypto/public-key.ts';
import { loadSodium } from '../crypto/sodium.ts';
import { keyIdHex } from '../crypto/key-id.ts';
import { editorKeyring, openVault } from './session.ts';
import { openTeamRecord, sealTeamRecord, textHash, type TeamRecord } from './team-record.ts';
import { manifestMac } from './vault-mac.ts';
import { ALTERED_VAULT, VAULT_FILE } from './vault.ts';

const sodium = await loadSodium();
const anna = generateIdentity();
const boris = generateIdentity();
const keyOf = (identity: typeof anna) => parsePublicKeyLine(publicKeyLineOf(identity, ''));
const editors = new Map([anna, boris].map((i) => [keyOf(i).keyIdHex, keyOf(i)]));
const annaId = keyIdHex(anna.x25519.publicKey);

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function vaultDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sotto-team-vault-'));
  dirs.push(dir);
  return path.join(dir, 'vault');
}

const open = (dir: string, create = false) => openVault(dir, sodium, annaId, editorKeyring(sodium, anna), anna, create);

function record(fields: Partial<TeamRecord> = {}): TeamRecord {
  return { v: 1, story: 'AAAAAAAAAAAAAAAAAAAAAA', kind: 'claim', author: annaId, n: 1, prev: null, day: '2026-11-20', ...fields } as TeamRecord;
}

describe('team records', () => {
  it('open for every editor sealed to, with the author checked against the accepted set', () => {
    const { sealed, hash } = sealTeamRecord(sodium, anna, record({ kind: 'note', note: 'look at the second paragraph' } as Partial<TeamRecord>), [...editors.values()]);
    const opened = openTeamRecord(sodium, boris, sealed, editors);
    expect(opened.record).toMatchObject({ kind: 'note', note: 'look at the second paragraph', author: annaId });
    expect(opened.hash).toBe(hash);
    // Boris's accepted set without Anna: her record is refused whole.
    const withoutAnna = new Map([[keyOf(boris).keyIdHex, keyOf(boris)]]);
    expect(() => openTeamRecord(sodium, boris, sealed, withoutAnna)).toThrow(/not signed by an editor of your accepted set/);
    // Not sealed to a third editor.
    expect(() => openTeamRecord(sodium, generateIdentity(), sealed, editors)).toThrow(/could not be opened/);
  });

  it('claiming another editor\'s authorship fails the signature', () => {
    const forged = sealTeamRecord(sodium, boris, record({ author: annaId }), [...editors.values()]).sealed;
    expect(() => openTeamRecord(sodium, anna, forged, editors)).toThrow(/not signed by an editor/);
  });

  it('a text is named by its title and story only', () => {
    const a = textHash(sodium, { story: 'text' });
    expect(textHash(sodium, { story: 'text', title: undefined })).toBe(a);
    expect(textHash(sodium, { story: 'text', title: '' })).not.toBe(a);
    expect(textHash(sodium, { story: 'text ' })).not.toBe(a);
  });
});

describe('the team log in the vault', () => {
  it('a v2 vault gains the team log at its first open, and its manifest still guards it', () => {
    const dir = vaultDir();
    open(dir, true).close();
    // Turn the new vault back into what sotto-review wrote before the team log (schema 2).
    const keys = editorKeyring(sodium, anna).full;
    const db = new Database(path.join(dir, VAULT_FILE));
    db.exec("DROP TABLE team; DELETE FROM meta WHERE key IN ('approvals', 'team_cursor')");
    db.pragma('user_version = 2');
    const meta = (key: string) => db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string;
    const v2 = manifestMac(sodium, keys.mac, { kind: meta('kind'), owner: meta('owner'), counter: Number(meta('counter')), editors: meta('editors'), tags: [] });
    db.prepare("UPDATE meta SET value = ? WHERE key = 'manifest'").run(Buffer.from(v2).toString('hex'));
    db.close();

    const vault = open(dir);
    expect(vault.approvalsRequired()).toBe(1);
    expect(vault.teamCursor()).toBe(0);
    vault.addTeamRecord({ serverSeq: 3, story: 'AAAAAAAAAAAAAAAAAAAAAA', author: annaId, n: 1, record: new Uint8Array([1, 2, 3]) });
    vault.setApprovalsRequired(2);
    vault.close();
    const again = open(dir);
    expect([...again.teamRecords()].map((r) => r.serverSeq)).toEqual([3]);
    expect(again.approvalsRequired()).toBe(2);
    again.close();
    const check = new Database(path.join(dir, VAULT_FILE), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(3);
    check.close();
  });

  it('a team record deleted, or the approval rule lowered, outside sotto-review is caught', () => {
    const dir = vaultDir();
    const vault = open(dir, true);
    vault.addTeamRecord({ serverSeq: 1, story: 'AAAAAAAAAAAAAAAAAAAAAA', author: annaId, n: 1, record: new Uint8Array([9]) });
    vault.setApprovalsRequired(2);
    vault.close();
    for (const tamper of ['DELETE FROM team', "UPDATE meta SET value = '1' WHERE key = 'approvals'", 'UPDATE team SET server_seq = 2']) {
      const copy = vaultDir();
      const source = new Database(path.join(dir, VAULT_FILE), { readonly: true });
      const bytes = source.serialize();
      source.close();
      const db = new Database(bytes);
      db.exec(tamper);
      mkdirSync(copy);
      db.prepare('VACUUM INTO ?').run(path.join(copy, VAULT_FILE));
      db.close();
      // A changed row fails its own tag when read; a removed row or setting fails the manifest.
      expect(() => {
        const opened = open(copy);
        try {
          [...opened.teamRecords()];
        } finally {
          opened.close();
        }
      }, tamper).toThrow(ALTERED_VAULT);
    }
  });
});
