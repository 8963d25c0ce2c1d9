// Start-up safety of the real process (SECURITY.md §5 "Start-up"): each fault that used to start a
// server that then lost or hid data is refused with one clear line, and changes nothing on disk.

import Database from 'better-sqlite3';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { b64uEncode } from '../../crypto/bytes.ts';
import { solveChallenge } from '../../crypto/pow.ts';
import { envelopeFor, keyListOf, makeEditors, newReceipt, tempDir, type TestEditor } from '../support/server.ts';
import { refusedStart, startServer } from './server-process.ts';

let data: ReturnType<typeof tempDir>;
let keys: ReturnType<typeof tempDir>;
let editors: TestEditor[];
let env: Record<string, string>;

beforeEach(() => {
  data = tempDir('sotto-startup-');
  keys = tempDir('sotto-startup-keys-');
  editors = makeEditors(2);
  writeFileSync(path.join(keys.dir, 'editors.pub'), keyListOf(editors));
  env = { SOTTO_DATA_DIR: data.dir, SOTTO_EDITORS: path.join(keys.dir, 'editors.pub'), SOTTO_POW_DIFFICULTY: '2', SOTTO_DISK_RESERVE_MB: '1' };
});
afterEach(() => {
  data.remove();
  keys.remove();
});

async function submit(url: string, to: readonly TestEditor[]): Promise<number> {
  const { challenge, difficulty } = (await (await fetch(`${url}/api/v1/challenge`, { method: 'POST' })).json()) as { challenge: string; difficulty: number };
  const body = { envelope: b64uEncode(envelopeFor(to, 'a story')), challenge, nonce: solveChallenge(challenge, difficulty), receiptVerifier: b64uEncode(newReceipt().verifier) };
  return (await fetch(`${url}/api/v1/submissions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status;
}

/** One start and stop, so the data dir holds a database, its reserve and server.secret. */
async function firstStart(): Promise<void> {
  const server = await startServer(env);
  expect(await submit(server.url, editors)).toBe(201);
  expect(await server.stop()).toBe(0);
}

const database = () => path.join(data.dir, 'sotto.db');

describe('start-up safety', () => {
  it('refuses a missing or empty database beside an existing server.secret, unless --init', async () => {
    await firstStart();
    rmSync(database());
    const missing = await refusedStart(env);
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/^sotto: \S+sotto\.db is missing but \S+server\.secret shows this data dir was used before; .*--init/m);
    expect(readdirSync(data.dir)).not.toContain('sotto.db');

    writeFileSync(database(), '');
    const empty = await refusedStart(env);
    expect(empty.output).toMatch(/sotto\.db is empty but/);

    const fresh = await startServer(env, { args: ['--init'] });
    expect(await submit(fresh.url, editors)).toBe(201);
    expect(await fresh.stop()).toBe(0);
  });

  it('explains an empty server.secret', async () => {
    await firstStart();
    writeFileSync(path.join(data.dir, 'server.secret'), '');
    const refused = await refusedStart(env);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/server\.secret is empty\. It only signs proof-of-work challenges, so nothing is lost: delete it/);
  });

  it('refuses a database of a newer schema version in one line', async () => {
    await firstStart();
    const db = new Database(database());
    db.pragma('user_version = 999');
    db.close();
    const refused = await refusedStart(env);
    expect(refused.code).toBe(1);
    expect(refused.output.trim()).toMatch(/^sotto: \S+ was written by a newer Sotto \(schema version 999; this one knows up to \d+\)/);
  });

  it('refuses a second server on the same data dir, while the first keeps serving', async () => {
    const first = await startServer(env);
    try {
      const second = await refusedStart(env);
      expect(second.code).toBe(1);
      expect(second.output).toMatch(/is in use by another Sotto server; stop it first/);
      expect(await submit(first.url, editors)).toBe(201);
    } finally {
      expect(await first.stop()).toBe(0);
    }
  });

  it('answers 503, never a false 201, once its data dir was deleted', async () => {
    const server = await startServer(env);
    try {
      expect(await submit(server.url, editors)).toBe(201);
      rmSync(data.dir, { recursive: true, force: true });
      expect(await submit(server.url, editors)).toBe(503);
    } finally {
      await server.stop();
    }
  });

  it('keeps what a removed editor never pulled, says so at start, and erases it on --forget-editor', async () => {
    await firstStart();
    const [kept, removed] = editors as [TestEditor, TestEditor];
    writeFileSync(path.join(keys.dir, 'editors.pub'), keyListOf([kept]));
    const without = await startServer(env);
    expect(without.output()).toMatch(new RegExp(`editor key ${removed.keyIdHex} is not in the key list but 1 envelope\\(s\\) wait for it; kept until \\d{4}-\\d{2}-\\d{2}`));
    expect(await without.stop()).toBe(0);

    const forgetting = await startServer(env, { args: ['--forget-editor', removed.keyIdHex] });
    // `kept` has not pulled it yet either, so nothing is erased: it still waits for `kept`.
    expect(forgetting.output()).toMatch(new RegExp(`former editor ${removed.keyIdHex} \\(--forget-editor\\): 0 envelope\\(s\\) nobody else waits for erased`));
    expect(await forgetting.stop()).toBe(0);
    const after = await startServer(env);
    expect(after.output()).not.toMatch(/not in the key list/);
    expect(await after.stop()).toBe(0);
  });
});
