// Two editors, two vaults, one real server (dist/server.mjs): they share their work through the
// team log with `sync` (README.md "Working as a team"). Anna claims and anonymises a story, Boris
// takes her text and approves it; each sees the other's state; with two approvals required, one
// approval exports nothing and two export the story. Conflicts are shown, private notes stay home.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64uEncode, utf8Encode } from '../../crypto/bytes.ts';
import { generateIdentity } from '../../crypto/identity.ts';
import { keyIdHex } from '../../crypto/key-id.ts';
import { parsePublicKeyLine } from '../../crypto/public-key.ts';
import { signRequest } from '../../crypto/request-signature.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { shortId } from '../../reviewer-cli/short-id.ts';
import { sealTeamRecord } from '../../reviewer-cli/team-record.ts';
import { startServer, type ServerProcess } from '../server/server-process.ts';
import { ensureBuilt, makeEditor, makeSubmission, runCli, submitTo, tempDir, type TestEditor } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let server: ServerProcess;
let anna: TestEditor;
let boris: TestEditor;
const STORIES = ['Мы познакомились в Казани на улице Баумана и гуляли у реки каждый вечер.', 'Вторая история, в которой нечего скрывать.', 'Третья, короче.'];
let ids: string[] = [];

const as = (editor: TestEditor, args: string[]) => runCli(args, { env: { ...editor.env, SOTTO_SERVER: server.url } });
const offline = (editor: TestEditor, args: string[]) => runCli(args, { env: editor.env, offline: true });

async function ok(editor: TestEditor, args: string[], online = false): Promise<string> {
  const result = online ? await as(editor, args) : await offline(editor, args);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

interface Entry { id: string; status: string; length: number; team?: { claimedBy: string[]; approvedBy: string[]; required: number; conflicts: string[] } }
const listOf = async (editor: TestEditor): Promise<Entry[]> => JSON.parse(await ok(editor, ['list', '--json'])) as Entry[];

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir();
  anna = await makeEditor(temp.dir, 'anna');
  boris = await makeEditor(temp.dir, 'boris');
  const keyList = `${anna.publicLine}\n${boris.publicLine}\n`;
  const listFile = path.join(temp.dir, 'editors.txt');
  writeFileSync(listFile, keyList);
  server = await startServer({ SOTTO_DATA_DIR: mkdtempSync(path.join(temp.dir, 'data-')), SOTTO_EDITORS: listFile, SOTTO_POW_DIFFICULTY: '1' }, { entry: 'dist' });
  for (const story of STORIES) expect(await submitTo(server.url, makeSubmission([anna.identity, boris.identity], { story, language: 'ru' }))).toBe(201);
  for (const editor of [anna, boris]) {
    await ok(editor, ['pull'], true);
    await ok(editor, ['editors', '--accept', listFile]);
  }
  // The Kazan story first: it is the longer one.
  ids = (await listOf(anna)).sort((a, b) => b.length - a.length).map((e) => e.id);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  temp?.cleanup();
});

describe('a team of two through the team log', () => {
  let annaId = '';
  let borisId = '';

  it('anna claims and anonymises; boris sees it and takes her text', async () => {
    const [first] = ids;
    await ok(anna, ['claim', first!]);
    await ok(anna, ['anonymise', first!, '--auto']);
    await ok(anna, ['note', first!, 'private: the author is my neighbour']);
    await ok(anna, ['note', '--team', first!, 'please check the river name']);
    expect(await ok(anna, ['sync'], true)).toMatch(/^Sent 3 team records \(1 new\)/);

    const synced = await ok(boris, ['sync'], true);
    expect(synced).toMatch(/received 3 team records about 1 story/);
    expect(synced).toMatch(/Took the team's anonymised text for 1 story/);
    const entry = (await listOf(boris)).find((e) => e.id === first)!;
    expect(entry.status).toBe('anonymised');
    annaId = entry.team!.claimedBy[0]!;
    expect(entry.team).toMatchObject({ claimedBy: [annaId], approvedBy: [], required: 1, conflicts: [] });
    const shown = await ok(boris, ['team', first!]);
    expect(shown).toMatch(/claimed by: [0-9a-f]{8}/);
    expect(shown).toMatch(/note by [0-9a-f]{8} .*please check the river name/);
    expect(shown).not.toMatch(/neighbour/); // the private note never left anna's vault
    const borisShow = await ok(boris, ['show', first!, '--anonymised']);
    expect(borisShow).toMatch(/Мы познакомились/);
    expect(borisShow).not.toMatch(/Казан|Баумана|neighbour/);
  }, 120_000);

  it('with two approvals required, one approval exports nothing and two export the story', async () => {
    const [first] = ids;
    await ok(anna, ['team', '--approvals', '2']);
    await ok(anna, ['approve', first!]);
    const one = await offline(anna, ['export', '--out', path.join(temp.dir, 'site-one')]);
    expect(one.code).not.toBe(0);
    expect(one.stderr).toMatch(/it has 1 of the 2 approvals required/);
    await ok(anna, ['sync'], true);
    expect(await ok(anna, ['team'])).toMatch(new RegExp(`Approved by you, waiting for more approvals \\(2 required\\): ${shortId(first!)}`));

    await ok(boris, ['sync'], true);
    expect(await ok(boris, ['team'])).toMatch(new RegExp(`Approved by others, waiting for your decision: ${shortId(first!)}`));
    await ok(boris, ['approve', first!]);
    await ok(boris, ['sync'], true);
    borisId = (await listOf(boris)).find((e) => e.id === first)!.team!.approvedBy.find((k) => k !== annaId) ?? '';

    await ok(anna, ['sync'], true);
    const entry = (await listOf(anna)).find((e) => e.id === first)!;
    expect(entry.team!.approvedBy.sort()).toEqual([annaId, borisId].sort());
    expect(borisId).not.toBe('');
    const site = path.join(temp.dir, 'site-two');
    expect(await ok(anna, ['export', '--out', site])).toMatch(/^Exported 1 story/);
    const files = readdirSync(site).filter((f) => f.endsWith('.md'));
    expect(files).toHaveLength(1);
    const published = readFileSync(path.join(site, files[0]!), 'utf8');
    expect(published).toMatch(/Мы познакомились/);
    expect(published).not.toMatch(/Казан/);
  }, 120_000);

  it('two different texts, or an approval beside a rejection, are shown as a conflict and never exported', async () => {
    const second = ids[1]!;
    await ok(anna, ['anonymise', second, '--auto']);
    await ok(anna, ['approve', second]);
    await ok(anna, ['sync'], true);
    await ok(boris, ['sync'], true);
    await ok(boris, ['reject', second]);
    await ok(boris, ['sync'], true);
    await ok(anna, ['sync'], true);
    const entry = (await listOf(anna)).find((e) => e.id === second)!;
    expect(entry.team!.conflicts).toEqual(['approved and rejected']);
    expect(await ok(anna, ['list'])).toMatch(/CONFLICT: approved and rejected/);
    const result = await offline(anna, ['export', '--out', path.join(temp.dir, 'site-two')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/skipped story .*the team disagrees about it \(approved and rejected\)/);
  }, 120_000);

  it('review claims a story for the team and replies to its author in the same session', async () => {
    const third = ids[2]!;
    const session = await runCli(['review', '--server', server.url], { env: boris.env, input: 'c\nr\nThank you for writing.\n.\ny\nq\n' });
    expect(session.code, session.stderr).toBe(0);
    expect(session.stdout).toMatch(/c = claim · r = reply/);
    expect(session.stdout).toMatch(/Claimed: `sotto-review sync` tells the team\./);
    expect(session.stdout).toMatch(/Reply sent\./);
    expect(await ok(boris, ['sync'], true)).toMatch(/^Sent 1 team record/);
    await ok(anna, ['sync'], true);
    expect((await listOf(anna)).find((e) => e.id === third)!.team!.claimedBy).toEqual([borisId]);
    expect(await ok(anna, ['show', third, '--server', server.url], true)).toMatch(/Thank you for writing\./);
  }, 120_000);

  it('a record signed by a key outside the accepted set (here posing as anna) is ignored with a warning', async () => {
    const sodium = await loadSodium();
    const annaKey = keyIdHex(anna.identity.x25519.publicKey);
    const forged = sealTeamRecord(sodium, generateIdentity(), { v: 1, story: ids[0]!, kind: 'decision', decision: 'reject', text: null, author: annaKey, n: 99, prev: null, day: '2026-11-20' },
      [anna, boris].map((e) => parsePublicKeyLine(e.publicLine))).sealed;
    const body = JSON.stringify({ record: b64uEncode(forged) });
    const headers = signRequest({ method: 'POST', pathAndQuery: '/api/v1/team', body: utf8Encode(body), keyIdHex: annaKey, ed25519SecretKey: anna.identity.ed25519.secretKey });
    expect((await fetch(`${server.url}/api/v1/team`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body })).status).toBe(201);
    const result = await as(boris, ['sync']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/is not signed by an editor of your accepted set .*: it was ignored/);
    expect((await listOf(boris)).find((e) => e.id === ids[0])!.team).toMatchObject({ conflicts: [], approvedBy: expect.arrayContaining([annaId]) });
  }, 60_000);

  it('a sync with nothing new sends and stores nothing twice', async () => {
    const again = await ok(anna, ['sync'], true);
    expect(again).toMatch(/^Sent 0 team records; received 0 team records about 0 stories\./);
  }, 60_000);
});
