// The vault over time, as processes: two sotto-reviews saving the same story (no lost updates),
// backup and restore (a kill -9 during backup leaves the previous one intact), and the one-time
// upgrade of a v1 vault (SECURITY.md §6 "The authenticated vault", "Backups").
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf8Encode } from '../../crypto/bytes.ts';
import { sealEnvelopeSodium } from '../../crypto/envelope-sodium.ts';
import { keyIdHex } from '../../crypto/key-id.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { ensureBuilt, fillVault, makeEditor, makeSubmission, randomId, runCli, startCli, tempDir, type TestEditor } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
const offline = (editor: TestEditor, args: string[], input?: string) => runCli(args, { env: editor.env, offline: true, input });
const KAZAN = 'Я жила в Казани три года, потом переехала в Москву. Работала в кафе «Бублик» на улице Баумана.';

beforeAll(() => {
  ensureBuilt();
  temp = tempDir('sotto-ops-');
});
afterAll(() => temp.cleanup());

/** Starts an interactive anonymise and resolves once it asks about the first place. */
async function anonymiseWaiting(editor: TestEditor, id: string) {
  const child = startCli(['anonymise', id], { env: editor.env, offline: true });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  await new Promise<void>((resolve) => child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    if (stdout.includes('Place 1 of')) resolve();
  }));
  const finish = (answers: string) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin!.end(answers);
  });
  return { finish };
}

describe('two sotto-reviews on one story', () => {
  it('a note saved while anonymise is open survives, and the anonymisation is saved on top of it', async () => {
    const editor = await makeEditor(temp.dir, 'concurrent');
    const [id] = await fillVault(editor, [makeSubmission([editor.identity], { story: KAZAN })]);
    const session = await anonymiseWaiting(editor, id!);
    const note = await offline(editor, ['note', id!, 'written in another terminal']);
    expect(note.code, note.stderr).toBe(0);
    const done = await session.finish('\n'.repeat(20));
    expect(done.code, done.stderr).toBe(0);
    const shown = JSON.parse((await offline(editor, ['show', id!, '--json'])).stdout);
    expect(shown.status).toBe('anonymised');
    expect(shown.anonymised.story).not.toMatch(/Казан/);
    expect(shown.notes.map((n: { text: string }) => n.text)).toEqual(['written in another terminal']);
  });

  it('a decision taken meanwhile wins, and the later writer is told nothing was saved', async () => {
    const editor = await makeEditor(temp.dir, 'conflict');
    const [id] = await fillVault(editor, [makeSubmission([editor.identity], { story: KAZAN })]);
    const session = await anonymiseWaiting(editor, id!);
    expect((await offline(editor, ['reject', id!])).code).toBe(0);
    const done = await session.finish('\n'.repeat(20));
    expect(done.code).toBe(1);
    expect(done.stderr).toMatch(new RegExp(`^sotto-review: story ${id} was changed by another sotto-review while this one ran \\(its status changed\\); nothing was saved, and what the other one saved is kept`));
    const shown = JSON.parse((await offline(editor, ['show', id!, '--json'])).stdout);
    expect(shown.status).toBe('rejected');
    expect(shown.anonymised).toBeNull();
  });
});

describe('backup and restore', () => {
  it('restore gives back every story, note and decision; an altered or cut backup is refused', async () => {
    const editor = await makeEditor(temp.dir, 'backup');
    const [a, b, c] = await fillVault(editor, ['Nothing here.', 'Nor here.', 'Or here.'].map((story) => makeSubmission([editor.identity], { story, language: 'en' })));
    for (const args of [['anonymise', a!, '--auto'], ['approve', a!, '--tag', 'family'], ['reject', b!], ['note', c!, 'call back']]) {
      expect((await offline(editor, args)).code).toBe(0);
    }
    const file = path.join(temp.dir, 'backup.bin');
    const made = await offline(editor, ['backup', '--out', file]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^Backed up the vault \(3 stories, 3 with review notes or decisions, 0 withdrawn\)/);
    expect(readFileSync(file).toString('latin1')).not.toMatch(/SQLite format|call back/);

    const restoredEnv = { ...editor.env, SOTTO_VAULT: path.join(temp.dir, 'restored') };
    const restored = await runCli(['restore', file], { env: restoredEnv, offline: true });
    expect(restored.code, restored.stderr).toBe(0);
    for (const id of [a!, b!, c!]) {
      const original = JSON.parse((await offline(editor, ['show', id, '--json'])).stdout);
      expect(JSON.parse((await runCli(['show', id, '--json'], { env: restoredEnv, offline: true })).stdout)).toEqual(original);
    }
    const again = await runCli(['restore', file], { env: restoredEnv, offline: true });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a vault/);

    const bytes = readFileSync(file);
    const damaged = [Buffer.concat([bytes.subarray(0, 200), Buffer.from([bytes[200]! ^ 1]), bytes.subarray(201)]), bytes.subarray(0, bytes.length - 100)];
    for (const [i, content] of damaged.entries()) {
      const bad = path.join(temp.dir, `bad-${i}.bin`);
      writeFileSync(bad, content);
      const result = await runCli(['restore', bad], { env: { ...editor.env, SOTTO_VAULT: path.join(temp.dir, `bad-restore-${i}`) }, offline: true });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('sotto-review: the backup could not be opened (it is damaged, cut short, or was made with another key)\n');
      expect(existsSync(path.join(temp.dir, `bad-restore-${i}`, 'vault.db'))).toBe(false);
    }
  });

  it('a kill -9 during backup leaves the previous backup intact', async () => {
    const editor = await makeEditor(temp.dir, 'killed');
    // Large envelopes make the backup long enough to be killed half-way.
    const big = makeSubmission([editor.identity], { story: 'слово '.repeat(30_000), language: 'ru' }).envelope;
    await fillVault(editor, Array.from({ length: 60 }, () => ({ envelope: big })));
    const dir = path.join(temp.dir, 'backups');
    mkdirSync(dir);
    const file = path.join(dir, 'vault.backup');
    expect((await offline(editor, ['backup', '--out', file])).code).toBe(0);
    const previous = readFileSync(file);
    await fillVault(editor, [{ envelope: makeSubmission([editor.identity], { story: 'one more' }).envelope }]);

    let killedMidway = false;
    for (let attempt = 0; attempt < 5 && !killedMidway; attempt++) {
      const child = startCli(['backup', '--out', file], { env: editor.env, offline: true });
      const watcher = watch(dir, (_event, name) => {
        if (name?.endsWith('.tmp') && child.exitCode === null) {
          killedMidway = child.kill('SIGKILL');
        }
      });
      await new Promise((resolve) => child.on('close', resolve));
      watcher.close();
    }
    expect(killedMidway).toBe(true);
    expect(readFileSync(file).equals(previous)).toBe(true);
    const restoredEnv = { ...editor.env, SOTTO_VAULT: path.join(temp.dir, 'after-kill') };
    const restored = await runCli(['restore', file], { env: restoredEnv, offline: true });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/\(60 stories,/);
    expect(readdirSync(dir).filter((f) => !f.endsWith('.tmp'))).toEqual(['vault.backup']);
  });
});

describe('a v1 vault', () => {
  it('is upgraded on first unlock, keeping every decision and withdrawal', async () => {
    const editor = await makeEditor(temp.dir, 'legacy');
    const sodium = await loadSodium();
    const subs = ['approved one', 'withdrawn one', 'untouched one'].map((story) => ({ id: randomId(), sub: makeSubmission([editor.identity], { story, language: 'en' }) }));
    mkdirSync(editor.env.SOTTO_VAULT, { recursive: true });
    const db = new Database(path.join(editor.env.SOTTO_VAULT, 'vault.db'));
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE envelopes (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, day TEXT NOT NULL, envelope BLOB NOT NULL) STRICT;
      CREATE TABLE withdrawn (id TEXT PRIMARY KEY) STRICT;
      CREATE TABLE reviews (id TEXT PRIMARY KEY REFERENCES envelopes(id), state BLOB NOT NULL) STRICT;`);
    db.pragma(`application_id = ${0x53545631}`);
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO meta (key, value) VALUES ('owner', ?)").run(keyIdHex(editor.identity.x25519.publicKey));
    for (const { id, sub } of subs) db.prepare("INSERT INTO envelopes (id, day, envelope) VALUES (?, '2026-11-20', ?)").run(id, sub.envelope);
    const state = { v: 1, id: subs[0]!.id, status: 'approved', anonymised: { story: 'approved one', decisions: [] }, tags: ['old'], notes: [{ day: '2026-11-21', text: 'kept' }] };
    db.prepare('INSERT INTO reviews (id, state) VALUES (?, ?)').run(subs[0]!.id, sealEnvelopeSodium(sodium, utf8Encode(JSON.stringify(state)), [editor.identity.x25519.publicKey]));
    db.prepare('INSERT INTO withdrawn (id) VALUES (?)').run(subs[1]!.id);
    db.close();

    const first = await offline(editor, ['list', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/^Upgraded the vault to the authenticated format: 1 review state re-sealed under your key\./);
    expect(JSON.parse(first.stdout).map((e: { id: string; status: string }) => [e.id, e.status])).toEqual(subs.map(({ id }, i) => [id, ['approved', 'withdrawn', 'new'][i]]));
    const shown = JSON.parse((await offline(editor, ['show', subs[0]!.id, '--json'])).stdout);
    expect(shown).toMatchObject({ tags: ['old'], notes: [{ day: '2026-11-21', text: 'kept' }] });
    const second = await offline(editor, ['list']);
    expect(second.stderr).not.toMatch(/Upgraded/);
  });
});
