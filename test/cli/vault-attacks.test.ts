// The attacker with write access to an editor's files but without the secret key (a shared
// computer, a synced folder, malware): forged, swapped, rolled-back, added and deleted vault
// records. Each is caught by the real CLI, as a process, with a clear message, and nothing
// forged is ever listed as approved or exported (SECURITY.md §6 "The authenticated vault").
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { sealEnvelopeSodium } from '../../crypto/envelope-sodium.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { utf8Encode } from '../../crypto/bytes.ts';
import { ensureBuilt, fillVault, makeEditor, makeSubmission, runCli, tempDir, type TestEditor } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
const offline = (editor: TestEditor, args: string[], input?: string) => runCli(args, { env: editor.env, offline: true, input });

beforeAll(() => {
  ensureBuilt();
  temp = tempDir('sotto-attack-');
});
afterAll(() => temp.cleanup());

const ALTERED_RECORD = /^sotto-review: story \S+: its vault record was altered outside sotto-review \(it does not match its tag\); it was not used\n$/;
const ALTERED_VAULT = /^sotto-review: the vault was altered outside sotto-review: its records do not match the manifest sealed with your key/;

function raw(editor: TestEditor): Database.Database {
  return new Database(path.join(editor.env.SOTTO_VAULT, 'vault.db'));
}

interface Row { id: string; envelope: Buffer; withdrawn: number; version: number; state: Buffer | null; tag: Buffer }
const rowOf = (db: Database.Database, id: string) => db.prepare('SELECT id, envelope, withdrawn, version, state, tag FROM stories WHERE id = ?').get(id) as Row;

/** An editor with two anonymised stories, the first approved: what an attacker wants to alter. */
async function reviewedVault(name: string): Promise<{ editor: TestEditor; approved: string; other: string }> {
  const editor = await makeEditor(temp.dir, name);
  const [approved, other] = await fillVault(editor, [
    makeSubmission([editor.identity], { story: 'Nothing to replace in this one.', language: 'en' }),
    makeSubmission([editor.identity], { story: 'Nor in this other one.', language: 'en' }),
  ]);
  for (const args of [['anonymise', approved!, '--auto'], ['approve', approved!], ['anonymise', other!, '--auto']]) {
    const result = await offline(editor, args);
    expect(result.code, result.stderr).toBe(0);
  }
  return { editor, approved: approved!, other: other! };
}

/** Nothing at all reaches an export folder, and list refuses with `message`. */
async function expectRefused(editor: TestEditor, message: RegExp): Promise<void> {
  const list = await offline(editor, ['list', '--json']);
  expect(list.code).toBe(1);
  expect(list.stdout).toBe('');
  expect(list.stderr).toMatch(message);
  const out = path.join(temp.dir, `${path.basename(editor.env.SOTTO_VAULT)}-site`);
  const exported = await offline(editor, ['export', '--out', out]);
  expect(exported.code).toBe(1);
  expect(exported.stderr).toMatch(message);
  expect(existsSync(out)).toBe(false);
}

describe('forged decisions', () => {
  it('a state sealed to the public key, as v1 allowed anyone with the .pub line to, is refused', async () => {
    const { editor, other } = await reviewedVault('forger');
    const sodium = await loadSodium();
    const forged = { v: 1, id: other, status: 'approved', anonymised: { story: 'Text the author never wrote.', decisions: [] }, tags: [], notes: [] };
    const sealed = sealEnvelopeSodium(sodium, utf8Encode(JSON.stringify(forged)), [editor.identity.x25519.publicKey]);
    const db = raw(editor);
    db.prepare('UPDATE stories SET state = ?, version = version + 1 WHERE id = ?').run(sealed, other);
    db.close();
    await expectRefused(editor, ALTERED_RECORD);
    const approve = await offline(editor, ['show', other, '--json']);
    expect(approve.stderr).toMatch(ALTERED_RECORD);
  });

  it('an approved state copied onto another story, tag and all, is refused', async () => {
    const { editor, approved, other } = await reviewedVault('copier');
    const db = raw(editor);
    const source = rowOf(db, approved);
    db.prepare('UPDATE stories SET state = ?, version = ?, tag = ? WHERE id = ?').run(source.state, source.version, source.tag, other);
    db.close();
    await expectRefused(editor, ALTERED_VAULT);
  });
});

describe('swapped envelopes', () => {
  it('an envelope swapped under an approved story (the state kept) is refused, never exported', async () => {
    const { editor, approved } = await reviewedVault('swapper');
    const evil = makeSubmission([editor.identity], { story: 'A story the author never sent.', language: 'en' });
    const db = raw(editor);
    db.prepare('UPDATE stories SET envelope = ? WHERE id = ?').run(evil.envelope, approved);
    db.close();
    await expectRefused(editor, ALTERED_RECORD);
  });

  it('two whole records swapping ids are refused', async () => {
    const { editor, approved, other } = await reviewedVault('idswap');
    const db = raw(editor);
    db.transaction(() => {
      db.prepare("UPDATE stories SET id = 'x' || id WHERE id = ?").run(approved);
      db.prepare('UPDATE stories SET id = ? WHERE id = ?').run(approved, other);
      db.prepare('UPDATE stories SET id = ? WHERE id = ?').run(other, `x${approved}`);
    })();
    db.close();
    await expectRefused(editor, ALTERED_VAULT);
  });
});

describe('rolled-back records', () => {
  it('a record put back as it was before a rejection (its own old tag) is caught by the manifest', async () => {
    const { editor, approved } = await reviewedVault('rollback');
    let db = raw(editor);
    const before = rowOf(db, approved);
    db.close();
    expect((await offline(editor, ['reject', approved])).code).toBe(0);
    db = raw(editor);
    db.prepare('UPDATE stories SET state = ?, version = ?, tag = ? WHERE id = ?').run(before.state, before.version, before.tag, approved);
    db.close();
    await expectRefused(editor, ALTERED_VAULT);
  });

  it('the manifest and its counter put back with the record are still caught when anything else changed since', async () => {
    const { editor, approved, other } = await reviewedVault('rollback2');
    let db = raw(editor);
    const before = rowOf(db, approved);
    const meta = db.prepare("SELECT key, value FROM meta WHERE key IN ('counter', 'manifest')").all() as { key: string; value: string }[];
    db.close();
    expect((await offline(editor, ['reject', approved])).code).toBe(0);
    expect((await offline(editor, ['note', other, 'a note added later'])).code).toBe(0);
    db = raw(editor);
    db.prepare('UPDATE stories SET state = ?, version = ?, tag = ? WHERE id = ?').run(before.state, before.version, before.tag, approved);
    for (const { key, value } of meta) db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(value, key);
    db.close();
    await expectRefused(editor, ALTERED_VAULT);
  });
});

describe('deleted and added records', () => {
  it('un-withdrawing a story (flag cleared, or the whole record deleted) is caught', async () => {
    const { editor, approved } = await reviewedVault('unwithdraw');
    const { withTestVault } = await import('./helpers.ts');
    await withTestVault(editor, (vault) => vault.markWithdrawn([approved]));
    const exported = await offline(editor, ['export', '--out', path.join(temp.dir, 'unwithdraw-first')]);
    expect(exported.stderr).toMatch(/withdrawn by its author/);

    let db = raw(editor);
    db.prepare('UPDATE stories SET withdrawn = 0 WHERE id = ?').run(approved);
    db.close();
    await expectRefused(editor, ALTERED_RECORD);

    db = raw(editor);
    db.prepare('DELETE FROM stories WHERE id = ?').run(approved);
    db.close();
    await expectRefused(editor, ALTERED_VAULT);
  });

  it('a record added by hand, even a copy of a genuine one under a new id, is caught', async () => {
    const { editor, approved } = await reviewedVault('adder');
    const db = raw(editor);
    db.prepare("INSERT INTO stories (id, day, envelope, withdrawn, dismissed, version, state, conflict, tag) SELECT 'AAAAAAAAAAAAAAAAAAAAAA', day, envelope, withdrawn, dismissed, version, state, conflict, tag FROM stories WHERE id = ?").run(approved);
    db.close();
    await expectRefused(editor, ALTERED_VAULT);
  });

  it('dismissing by hand is caught; dismissing with the key stops list failing on junk', async () => {
    const editor = await makeEditor(temp.dir, 'dismiss');
    const [junk] = await fillVault(editor, [{ envelope: makeSubmission([(await makeEditor(temp.dir, 'someone')).identity], { story: 'not for you' }).envelope }]);
    const before = await offline(editor, ['list']);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/1 story could not be opened .*`sotto-review dismiss ID` sets one aside/);
    const copy = path.join(temp.dir, 'dismiss-copy.db');
    const db = raw(editor);
    await db.backup(copy);
    db.prepare('UPDATE stories SET dismissed = 1').run();
    db.close();
    expect((await offline(editor, ['list'])).stderr).toMatch(ALTERED_RECORD);

    const { copyFileSync } = await import('node:fs');
    copyFileSync(copy, path.join(editor.env.SOTTO_VAULT, 'vault.db'));
    const dismissed = await offline(editor, ['dismiss', junk!.slice(0, 8)]);
    expect(dismissed.code, dismissed.stderr).toBe(0);
    const after = await offline(editor, ['list', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual([expect.objectContaining({ id: junk, status: 'dismissed' })]);
  });
});

describe('a vault that is not what it claims', () => {
  it('a full vault relabelled as a relay vault (whose keys a pull-only key yields) is refused', async () => {
    const { editor } = await reviewedVault('kind');
    const db = raw(editor);
    db.prepare("UPDATE meta SET value = 'relay' WHERE key = 'kind'").run();
    db.close();
    const list = await offline(editor, ['list']);
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(ALTERED_VAULT);
  });
});
