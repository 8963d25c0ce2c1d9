// The offline workflow as processes: a pull-only key on the online computer, signed transfer
// files into the offline vault, signed decisions carried back and pushed, the pinned editor set,
// quarantined id conflicts, and the lost-laptop recovery from another editor's transfer file
// (SECURITY.md §3 "Pull-only key", §6 "Signed transfer and decisions files", "The pinned editor set").
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../crypto/public-key.ts';
import { startFakeInbox, type FakeInbox } from './fake-inbox.ts';
import { ensureBuilt, fillVault, makeEditor, makeSubmission, PASSPHRASE, randomId, runCli, tempDir, type TestEditor } from './helpers.ts';

const PULL_PASSPHRASE = 'a different pull-only passphrase';
let temp: ReturnType<typeof tempDir>;
let anna: TestEditor;
let boris: TestEditor;
let inbox: FakeInbox;
let items: { id: string; day: string; envelope: Uint8Array }[];
/** Anna's online computer: the pull-only key and a vault of its own. */
let online: Record<string, string>;

const offline = (env: Record<string, string>, args: string[]) => runCli(args, { env, offline: true });

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir('sotto-transfer-');
  anna = await makeEditor(temp.dir, 'anna');
  boris = await makeEditor(temp.dir, 'boris');
  items = ['first story', 'second story', 'third story'].map((story) => ({ id: randomId(), day: '2026-11-20', envelope: makeSubmission([anna.identity, boris.identity], { story, language: 'en' }).envelope }));
  inbox = await startFakeInbox([anna.identity, boris.identity], items);
  const pullKey = path.join(temp.dir, 'anna.pull');
  const made = await runCli(['pull-key', '--out', pullKey], { env: { ...anna.env, SOTTO_NEW_PASSPHRASE: PULL_PASSPHRASE }, offline: true });
  expect(made.code, made.stderr).toBe(0);
  online = { SOTTO_KEY: pullKey, SOTTO_PASSPHRASE: PULL_PASSPHRASE, SOTTO_VAULT: path.join(temp.dir, 'anna-online'), SOTTO_SERVER: inbox.url };
});
afterAll(async () => {
  await inbox.close();
  temp.cleanup();
});

describe('the pull-only key', () => {
  it('pulls and signs a transfer file, but opens no story', async () => {
    const pulled = await runCli(['pull'], { env: online });
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toMatch(/^Pulled 3 new stories/);
    const list = await offline(online, ['list']);
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/pull-only key: it can pull and push statuses but never open a story/);
    const file = path.join(temp.dir, 'inbox-1.jsonl');
    const exported = await offline(online, ['export-inbox', '--out', file]);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ format: 'sotto-inbox', version: 2, signer: anna.publicLine.split(' ')[0] });
    expect(Object.keys(JSON.parse(lines.at(-1)!))).toEqual(['signature']);
  });

  it('keygen --pull-out writes one too, and refuses the secret key\'s passphrase for it', async () => {
    const out = path.join(temp.dir, 'new.key');
    const same = await runCli(['keygen', '--out', out, '--pull-out', `${out}.pull`], { env: { SOTTO_PASSPHRASE: PASSPHRASE, SOTTO_NEW_PASSPHRASE: PASSPHRASE }, offline: true });
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/differs from your secret key's/);
    const made = await runCli(['keygen', '--out', out, '--pull-out', `${out}.pull`], { env: { SOTTO_PASSPHRASE: PASSPHRASE, SOTTO_NEW_PASSPHRASE: PULL_PASSPHRASE }, offline: true });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/Pull-only:/);
    expect(JSON.parse(readFileSync(`${out}.pull`, 'utf8'))).toMatchObject({ format: 'sotto-pull-key', publicKey: readFileSync(`${out}.pub`, 'utf8').trim().split(' ')[0] });
  });
});

describe('signed transfer files', () => {
  const file = () => path.join(temp.dir, 'inbox-1.jsonl');

  it('a file signed by your own key imports into the offline vault; importing twice adds nothing', async () => {
    const first = await offline(anna.env, ['import', file()]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Imported 3 new stories/);
    const second = await offline(anna.env, ['import', file()]);
    expect(second.stdout).toMatch(/^Imported 0 new stories/);
    const list = JSON.parse((await offline(anna.env, ['list', '--json'])).stdout) as { id: string }[];
    expect(list.map((e) => e.id).sort()).toEqual(items.map((i) => i.id).sort());
  });

  it('any change to the file is refused and imports nothing', async () => {
    const text = readFileSync(file(), 'utf8');
    const lines = text.trim().split('\n');
    const swapped = makeSubmission([anna.identity], { story: 'swapped in', language: 'en' });
    const line1 = JSON.parse(lines[1]!);
    const cases: [string, string, RegExp][] = [
      ['an envelope swapped under a real id', [lines[0], JSON.stringify({ ...line1, envelope: Buffer.from(swapped.envelope).toString('base64url') }), ...lines.slice(2)].join('\n'), /the signature does not match/],
      ['a withdrawal added', [...lines.slice(0, -1), JSON.stringify({ withdrawn: items[0]!.id }), lines.at(-1)].join('\n'), /the signature does not match/],
      ['an envelope removed', [lines[0], ...lines.slice(2)].join('\n'), /the signature does not match/],
      ['the signature cut off', lines.slice(0, -1).join('\n'), /has no signature/],
      ['a line after the signature', [...lines, lines[1]].join('\n'), /text after the signature/],
      ['the signer replaced', [JSON.stringify({ ...JSON.parse(lines[0]!), signer: boris.publicLine.split(' ')[0] }), ...lines.slice(1)].join('\n'), /the signature does not match/],
      ['an unsigned v1 file', '{"format":"sotto-inbox","version":1}\n', /unsigned transfer file .* made by an older sotto-review/],
    ];
    const fresh = { ...anna.env, SOTTO_VAULT: path.join(temp.dir, 'tamper-target') };
    for (const [name, content, message] of cases) {
      const tampered = path.join(temp.dir, 'tampered.jsonl');
      writeFileSync(tampered, `${content}\n`);
      const result = await offline(fresh, ['import', tampered]);
      expect(result.code, name).toBe(1);
      expect(result.stderr, name).toMatch(message);
      expect(result.stderr.split('\n').filter(Boolean), name).toHaveLength(1);
    }
    const none = await offline(fresh, ['list']);
    expect(none.stderr).toMatch(/no vault in/);
  });

  it('a file signed by another key is refused unless its fingerprint is named or the editor accepted', async () => {
    const mallory = await makeEditor(temp.dir, 'mallory');
    await fillVault(mallory, [{ id: items[0]!.id, envelope: makeSubmission([anna.identity], { story: 'forged under a real id' }).envelope }]);
    const forged = path.join(temp.dir, 'mallory.jsonl');
    expect((await offline(mallory.env, ['export-inbox', '--out', forged])).code).toBe(0);
    const refused = await offline(anna.env, ['import', forged]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`neither yours nor in your accepted editor set (fingerprint ${fingerprint({ x25519: mallory.identity.x25519.publicKey, ed25519: mallory.identity.ed25519.publicKey })})`);
    expect(refused.stderr).toMatch(/nothing was imported/);
  });

  it('a different envelope under a known id, from a trusted signer, quarantines both copies', async () => {
    const other = await makeEditor(temp.dir, 'other', path.join(temp.dir, 'other-vault'));
    await fillVault(other, [{ id: items[1]!.id, envelope: makeSubmission([anna.identity], { story: 'a second copy' }).envelope }]);
    const conflicting = path.join(temp.dir, 'conflict.jsonl');
    expect((await offline(other.env, ['export-inbox', '--out', conflicting])).code).toBe(0);
    const otherFingerprint = fingerprint({ x25519: other.identity.x25519.publicKey, ed25519: other.identity.ed25519.publicKey });
    const imported = await offline(anna.env, ['import', conflicting, '--signer', otherFingerprint]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/WARNING: the transfer file sent a different envelope for 1 story already in your vault: .*Both copies are quarantined/s);
    const list = JSON.parse((await offline(anna.env, ['list', '--json'])).stdout) as { id: string; status: string }[];
    expect(list.find((e) => e.id === items[1]!.id)!.status).toBe('quarantined');
    const show = await offline(anna.env, ['show', items[1]!.id]);
    expect(show.code).toBe(1);
    expect(show.stderr).toMatch(/is quarantined: two different envelopes arrived under its id/);
  });
});

describe('the pinned editor set', () => {
  it('warns on every run about stories encrypted to a key outside the accepted set, until accepted', async () => {
    const first = await offline(anna.env, ['list']);
    expect(first.stderr).toMatch(/WARNING: no editor set accepted yet/);
    const keyList = path.join(temp.dir, 'team.pub');
    writeFileSync(keyList, `${anna.publicLine}\n${boris.publicLine}\n`);
    const accepted = await offline(anna.env, ['editors', '--accept', keyList]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/Key-set fingerprint \(what the submit page shows\): [\d ]{35}/);
    const quiet = await offline(anna.env, ['list']);
    expect(quiet.stderr).not.toMatch(/WARNING/);

    // The operator adds a key of their own to the page: the next stories are encrypted to it too.
    const operator = await makeEditor(temp.dir, 'operator');
    const extra = makeSubmission([anna.identity, boris.identity, operator.identity], { story: 'sent after the operator added a key', language: 'en' });
    await fillVault(anna, [{ envelope: extra.envelope }]);
    for (let run = 0; run < 2; run++) {
      const warned = await offline(anna.env, ['list']);
      expect(warned.stderr).toMatch(/WARNING: stories in this vault are encrypted to keys OUTSIDE your accepted editor set:\n {2}key id [0-9a-f]{16}: 1 story\n/);
      expect(warned.stderr).toMatch(/the server operator may have added one/);
    }
    const shown = await offline(anna.env, ['editors']);
    expect(shown.stdout).toMatch(/NOT ACCEPTED/);
  });
});

describe('decisions taken offline reach the server', () => {
  it('decisions --out signs them; status push --decisions sends them with the pull-only key', async () => {
    const [firstId] = [items[0]!.id];
    for (const args of [['anonymise', firstId, '--auto'], ['approve', firstId], ['reject', items[2]!.id]]) {
      const result = await offline(anna.env, args);
      expect(result.code, result.stderr).toBe(0);
    }
    const file = path.join(temp.dir, 'decisions.jsonl');
    const made = await offline(anna.env, ['decisions', '--out', file]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^Wrote 2 decisions/);

    const tampered = path.join(temp.dir, 'decisions-tampered.jsonl');
    writeFileSync(tampered, readFileSync(file, 'utf8').replace('"declined"', '"published"'));
    const refused = await runCli(['status', 'push', '--decisions', tampered], { env: online });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the signature does not match/);
    expect(inbox.statuses.size).toBe(0);

    const pushed = await runCli(['status', 'push', '--decisions', file], { env: online });
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toMatch(/^Sent 2 decisions to the server/);
    expect(Object.fromEntries(inbox.statuses)).toEqual({ [firstId]: 'in_review', [items[2]!.id]: 'declined' });

    const borisPull = path.join(temp.dir, 'boris.pull');
    expect((await runCli(['pull-key', '--out', borisPull], { env: { ...boris.env, SOTTO_NEW_PASSPHRASE: PULL_PASSPHRASE }, offline: true })).code).toBe(0);
    const notHis = await runCli(['status', 'push', '--decisions', file], { env: { ...online, SOTTO_KEY: borisPull } });
    expect(notHis.code).toBe(1);
    expect(notHis.stderr).toMatch(/signed by another editor's key, not yours/);
  });
});

describe('the lost laptop', () => {
  it('another editor\'s transfer file, with their fingerprint named, refills a fresh vault', async () => {
    // Boris pulled the same stories into his own vault; Anna's laptop is gone, her key file was kept.
    const borisPulled = await runCli(['pull', '--server', inbox.url], { env: boris.env });
    expect(borisPulled.code, borisPulled.stderr).toBe(0);
    const file = path.join(temp.dir, 'from-boris.jsonl');
    expect((await offline(boris.env, ['export-inbox', '--out', file])).code).toBe(0);

    const fresh = { ...anna.env, SOTTO_VAULT: path.join(temp.dir, 'anna-new-laptop') };
    const refused = await offline(fresh, ['import', file]);
    expect(refused.code).toBe(1);
    const borisFingerprint = fingerprint({ x25519: boris.identity.x25519.publicKey, ed25519: boris.identity.ed25519.publicKey });
    const imported = await offline(fresh, ['import', file, '--signer', borisFingerprint]);
    expect(imported.code, imported.stderr).toBe(0);
    const list = JSON.parse((await offline(fresh, ['list', '--json'])).stdout) as { id: string; status: string }[];
    expect(list.map((e) => e.id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(list.every((e) => e.status === 'new')).toBe(true);
  });
});
