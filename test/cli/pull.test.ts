// pull against an in-process fake of the editor API: paging, acknowledging only what is stored,
// interruption, refusals. The real server is exercised in e2e.test.ts.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexEncode } from '../../crypto/bytes.ts';
import { keyIdOf } from '../../crypto/key-id.ts';
import { startFakeInbox, type FakeInbox } from './fake-inbox.ts';
import { ensureBuilt, makeEditor, makeSubmission, randomId, runCli, startCli, tempDir, type TestEditor } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let anna: TestEditor;
let inbox: FakeInbox;
const stories = Array.from({ length: 10 }, (_, i) => `story number ${i}`);
let items: { id: string; day: string; envelope: Uint8Array }[];

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir();
  anna = await makeEditor(temp.dir, 'anna');
  items = stories.map((story, i) => ({ id: randomId(), day: `2026-11-${String(10 + i).padStart(2, '0')}`, envelope: makeSubmission([anna.identity], { story }).envelope }));
  inbox = await startFakeInbox([anna.identity], items);
});
afterAll(async () => {
  await inbox.close();
  temp.cleanup();
});

const annaKeyId = () => hexEncode(keyIdOf(anna.identity.x25519.publicKey));

describe('pull', () => {
  it('an interrupted pull loses nothing and stores nothing twice', async () => {
    // Page 1 is stored and acknowledged; page 2 is stored, then the process dies while its
    // acknowledgement is in flight.
    const hung = new Promise<void>((resolve) => (inbox.hangAcks = { answered: 1, onHang: resolve }));
    const child = startCli(['pull', '--server', inbox.url, '--page-size', '3'], { env: anna.env });
    await hung;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    inbox.hangAcks = undefined;
    expect(inbox.acked.get(annaKeyId())!.size).toBe(3);

    const again = await runCli(['pull', '--server', inbox.url, '--page-size', '3'], { env: anna.env });
    expect(again.code, again.stderr).toBe(0);
    expect(inbox.acked.get(annaKeyId())!.size).toBe(10);
    const list = await runCli(['list', '--json'], { env: anna.env, offline: true });
    const entries = JSON.parse(list.stdout) as { id: string; day: string }[];
    expect(entries.map((e) => e.id).sort()).toEqual(items.map((i) => i.id).sort());
    const shown = await Promise.all(items.map((i) => runCli(['show', i.id, '--json'], { env: anna.env, offline: true })));
    expect(shown.map((r) => JSON.parse(r.stdout).story)).toEqual(stories);
  });

  it('a backup taken while pull runs holds whole pages, and restores', async () => {
    const editor = await makeEditor(temp.dir, 'backup-during-pull');
    const fresh = await startFakeInbox([editor.identity], items.map((i) => ({ ...i, envelope: makeSubmission([editor.identity], { story: i.id }).envelope })));
    try {
      const hung = new Promise<void>((resolve) => (fresh.hangAcks = { answered: 1, onHang: resolve }));
      const child = startCli(['pull', '--server', fresh.url, '--page-size', '3'], { env: editor.env });
      await hung; // two pages stored, pull still running
      const file = path.join(temp.dir, 'during-pull.backup');
      const backup = await runCli(['backup', '--out', file], { env: editor.env, offline: true });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('close', resolve));
      expect(backup.code, backup.stderr).toBe(0);
      const restoredEnv = { ...editor.env, SOTTO_VAULT: path.join(temp.dir, 'restored-during-pull') };
      const restored = await runCli(['restore', file], { env: restoredEnv, offline: true });
      expect(restored.code, restored.stderr).toBe(0);
      const list = JSON.parse((await runCli(['list', '--json'], { env: restoredEnv, offline: true })).stdout) as unknown[];
      expect(list).toHaveLength(6);
    } finally {
      await fresh.close();
    }
  });

  it('pulling again stores nothing new, and notes withdrawals', async () => {
    inbox.withdrawn = [items[4]!.id, randomId()];
    const result = await runCli(['pull', '--server', inbox.url], { env: anna.env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Pulled 0 new stories; the vault holds 10 stories\.\n1 story in your vault was withdrawn by the author/);
    const list = JSON.parse((await runCli(['list', '--json', '--status', 'withdrawn'], { env: anna.env, offline: true })).stdout);
    expect(list.map((e: { id: string }) => e.id)).toEqual([items[4]!.id]);
  });

  it('a key the server does not know gets a clear refusal', async () => {
    const stranger = await makeEditor(temp.dir, 'stranger');
    const result = await runCli(['pull', '--server', inbox.url], { env: stranger.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sotto-review: this server does not know your key: you are not one of its editors/);
  });

  it('an unreachable server is one line, exit 1', async () => {
    const result = await runCli(['pull', '--server', 'http://127.0.0.1:9'], { env: anna.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('sotto-review: could not reach the server at http://127.0.0.1:9\n');
  });
});
