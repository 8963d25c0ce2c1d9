// `reply` and `show --server` as processes against the real server (dist/server.mjs): an editor
// replies from a pipe, the author reads the reply with the receipt's key and answers over the API
// as the page does, and both editors see the conversation with who wrote what.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64uDecode, b64uEncode } from '../../crypto/bytes.ts';
import { sealAnswer, openMessageNoble } from '../../crypto/message-seal.ts';
import { solveChallenge } from '../../crypto/pow.ts';
import { deriveReceipt, parseReceiptCode } from '../../crypto/receipt.ts';
import { startServer, type ServerProcess } from '../server/server-process.ts';
import { ensureBuilt, makeEditor, makeSubmission, runCli, submitTo, tempDir, type Submission, type TestEditor } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let server: ServerProcess;
let anna: TestEditor;
let boris: TestEditor;
let story: Submission;

const receiptOf = (submission: Submission) => {
  const parsed = parseReceiptCode(submission.receiptCode);
  if (!parsed.ok) throw new Error('unreachable');
  return deriveReceipt(parsed.ikm);
};
const env = (editor: TestEditor) => ({ ...editor.env, SOTTO_SERVER: server.url });
const shortIdOfStory = async () => (JSON.parse((await runCli(['list', '--json'], { env: anna.env, offline: true })).stdout) as { shortId: string }[])[0]!.shortId;

async function conversation(token: Uint8Array): Promise<{ day: string; envelope: string }[]> {
  const response = await fetch(`${server.url}/api/v1/receipts/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: b64uEncode(token) }) });
  return ((await response.json()) as { messages: { day: string; envelope: string }[] }).messages;
}

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir('sotto-reply-');
  anna = await makeEditor(temp.dir, 'anna');
  boris = await makeEditor(temp.dir, 'boris');
  const keyList = path.join(temp.dir, 'editors.pub');
  writeFileSync(keyList, `${anna.publicLine}\n${boris.publicLine}\n`);
  server = await startServer({ SOTTO_DATA_DIR: path.join(temp.dir, 'data'), SOTTO_EDITORS: keyList, SOTTO_POW_DIFFICULTY: '1' }, { entry: 'dist' });
  story = makeSubmission([anna.identity, boris.identity], { story: 'Мы встретились на остановке у парка.' });
  expect(await submitTo(server.url, story)).toBe(201);
  for (const editor of [anna, boris]) expect((await runCli(['pull'], { env: env(editor) })).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  temp?.cleanup();
});

describe('sotto-review reply and the conversation in show', () => {
  it('refuses a piped reply without --yes, an empty one and one too long, sending nothing', async () => {
    const storyId = await shortIdOfStory();
    const noYes = await runCli(['reply', storyId], { env: env(anna), input: 'Вопрос' });
    expect(noYes.code).not.toBe(0);
    expect(noYes.stderr).toMatch(/only with --yes/);
    expect(noYes.stderr).toContain('Вопрос'); // shown before anything would go
    const empty = await runCli(['reply', storyId, '--yes'], { env: env(anna), input: '  \n' });
    expect(empty.stderr).toMatch(/empty/);
    const long = await runCli(['reply', storyId, '--yes'], { env: env(anna), input: 'я'.repeat(2010) });
    expect(long.stderr).toMatch(/4020 bytes; at most 4018 fit/);
    expect(await conversation(story.token)).toEqual([]);
  });

  it('an editor replies, the author reads and answers, every editor sees who wrote what', async () => {
    const storyId = await shortIdOfStory();
    const sent = await runCli(['reply', storyId, '--yes'], { env: env(anna), input: 'Можно написать «остановка» без названия?\nСпасибо.\n' });
    expect(sent.stderr).toContain('  Можно написать «остановка» без названия?'); // the preview
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/Reply sent/);

    // The author, as the page does: opens the reply with the receipt's key, answers.
    const receipt = receiptOf(story);
    const authorKey = { x25519PublicKey: receipt.reply.publicKey, x25519SecretKey: receipt.reply.secretKey };
    const [reply] = await conversation(story.token);
    expect(openMessageNoble(b64uDecode(reply!.envelope), authorKey).text).toBe('Можно написать «остановка» без названия?\nСпасибо.');
    const answer = sealAnswer('Да, так даже лучше.', { editorX25519PublicKeys: [anna.identity.x25519.publicKey, boris.identity.x25519.publicKey], authorReplyKey: receipt.reply.publicKey });
    const { challenge, difficulty } = (await (await fetch(`${server.url}/api/v1/challenge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ envelopeBytes: answer.length }) })).json()) as { challenge: string; difficulty: number };
    const posted = await fetch(`${server.url}/api/v1/receipts/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: b64uEncode(story.token), envelope: b64uEncode(answer), challenge, nonce: solveChallenge(challenge, difficulty) }),
    });
    expect(posted.status).toBe(201);

    for (const editor of [anna, boris]) {
      const shown = await runCli(['show', storyId], { env: env(editor) });
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toMatch(/--- conversation with the author ---\n\d{4}-\d{2}-\d{2} {2}reply by editor anna \(/);
      expect(shown.stdout).toContain('  Можно написать «остановка» без названия?\n  Спасибо.');
      expect(shown.stdout).toMatch(/\d{4}-\d{2}-\d{2} {2}the author answered:\n {2}Да, так даже лучше\./);
      expect(shown.stdout).not.toMatch(/UNVERIFIED/);
    }
    const json = JSON.parse((await runCli(['show', storyId, '--json'], { env: env(boris) })).stdout) as { conversation: { from: string; text: string }[] };
    expect(json.conversation.map((m) => m.text)).toEqual(['Можно написать «остановка» без названия?\nСпасибо.', 'Да, так даже лучше.']);

    // Offline, show says where the conversation is instead of going online.
    const offline = await runCli(['show', storyId], { env: anna.env, offline: true });
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(/pass --server URL/);
  });

  it('refuses to reply when the server seals to a key outside the accepted editor set', async () => {
    const storyId = await shortIdOfStory();
    // Anna accepted only herself: boris's key on the server is now a stranger's.
    const onlyAnna = path.join(temp.dir, 'only-anna.pub');
    writeFileSync(onlyAnna, `${anna.publicLine}\n`);
    expect((await runCli(['editors', '--accept', onlyAnna], { env: anna.env, offline: true })).code).toBe(0);
    const before = (await conversation(story.token)).length;
    const refused = await runCli(['reply', storyId, '--yes'], { env: env(anna), input: 'Вопрос' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/outside your accepted editor set/);
    expect(await conversation(story.token)).toHaveLength(before);
    const both = path.join(temp.dir, 'both.pub');
    writeFileSync(both, `${anna.publicLine}\n${boris.publicLine}\n`);
    expect((await runCli(['editors', '--accept', both], { env: anna.env, offline: true })).code).toBe(0);
  });

  it('after withdrawal the reply is refused and nothing of the conversation is left', async () => {
    const storyId = await shortIdOfStory();
    await fetch(`${server.url}/api/v1/receipts/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: b64uEncode(story.token), action: 'withdraw' }) });
    expect(await conversation(story.token)).toEqual([]);
    const refused = await runCli(['reply', storyId, '--yes'], { env: env(boris), input: 'Ещё вопрос' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/withdrawn/);
  });
});
