// The privacy canary (SECURITY.md §5): requests carry unique strings wherever a client can put
// them — User-Agent, X-Forwarded-For, Referer, Cookie, the URL query, the story itself — and
// afterwards no byte the server wrote or printed may contain any of them. Then: an envelope the
// server erased leaves no trace in any file, nor do the messages (replies and answers) of a
// withdrawn story.

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64uDecode, b64uEncode } from '../../crypto/bytes.ts';
import { sealReply } from '../../crypto/message-reply.ts';
import { sealAnswer } from '../../crypto/message-seal.ts';
import type { ReceiptSecrets } from '../../crypto/receipt.ts';
import { sealedAttachmentSize } from '../../crypto/attachment-format.ts';
import {
  envelopeFor, keyListOf, makeEditors, newReceipt, signed, solvedChallenge, tempDir, uploadSealed, type Requester, type TestEditor,
} from '../support/server.ts';
import { startServer, type ServerProcess } from './server-process.ts';

const canary = (where: string) => `CANARY${where}${randomBytes(8).toString('hex')}`;
const canaries = {
  userAgent: canary('UA'), forwardedFor: canary('XFF'), referer: canary('REF'), cookie: canary('COOKIE'),
  query: canary('QUERY'), story: canary('STORY'), path: canary('PATH'), reply: canary('REPLY'), answer: canary('ANSWER'),
};

/** Raw HTTP so every header goes out exactly as written. */
function send(base: string, method: string, pathAndQuery: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(new URL(pathAndQuery, base), { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Sends only the headers of a request declaring a 100 MB body: the answer must come before any
 * of the body is sent. */
function declaredTooLarge(base: string, pathAndQuery: string) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request(new URL(pathAndQuery, base), {
      method: 'POST',
      headers: { ...tracking, 'Content-Type': 'application/json', 'Content-Length': String(100 * 1024 * 1024) },
    }, (response) => {
      resolve(response.statusCode!);
      request.destroy();
    });
    request.on('error', reject);
    request.flushHeaders();
  });
}

const tracking = {
  'User-Agent': canaries.userAgent,
  'X-Forwarded-For': `203.0.113.7, ${canaries.forwardedFor}`,
  'X-Real-IP': canaries.forwardedFor,
  Forwarded: `for=${canaries.forwardedFor}`,
  Referer: `https://example.org/${canaries.referer}`,
  Cookie: `session=${canaries.cookie}`,
};

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

let server: ServerProcess;
let editors: TestEditor[];
const data = tempDir('sotto-canary-');
const keys = tempDir('sotto-canary-keys-');

beforeAll(async () => {
  editors = makeEditors(2);
  const keyList = path.join(keys.dir, 'editors.pub');
  writeFileSync(keyList, keyListOf(editors));
  server = await startServer({ SOTTO_DATA_DIR: data.dir, SOTTO_EDITORS: keyList, SOTTO_POW_DIFFICULTY: '4' });
});
afterAll(async () => {
  if (server.child.exitCode === null) await server.stop();
  data.remove();
  keys.remove();
});

describe('privacy canary against the real server', () => {
  it('keeps no trace of request metadata or plaintext, and erased envelopes leave no bytes', async () => {
    const request: Requester = async (p, init) => fetch(new URL(p, server.url), init);
    const q = `?utm=${canaries.query}`;
    const post = (p: string, body: unknown, extra: Record<string, string> = {}) =>
      send(server.url, 'POST', p, { ...tracking, 'Content-Type': 'application/json', ...extra }, JSON.stringify(body));

    expect((await send(server.url, 'GET', `/${q}`, tracking)).status).toBe(200);
    expect((await send(server.url, 'GET', `/api/v1/config${q}`, tracking)).status).toBe(200);
    expect((await send(server.url, 'GET', `/${canaries.path}`, tracking)).status).toBe(404);
    expect((await send(server.url, 'POST', `/api/v1/challenge${q}`, tracking)).status).toBe(200);
    expect(await declaredTooLarge(server.url, `/api/v1/submissions${q}`)).toBe(413);

    const stories: { envelope: Uint8Array; token: Uint8Array; receipt: ReceiptSecrets }[] = [];
    for (let i = 0; i < 3; i++) {
      const receipt = newReceipt();
      const envelope = envelopeFor(editors, `My story ${canaries.story} number ${i}`);
      const body = { envelope: b64uEncode(envelope), ...(await solvedChallenge(request)), receiptVerifier: b64uEncode(receipt.verifier) };
      expect((await post(`/api/v1/submissions${q}`, body)).status).toBe(201);
      stories.push({ envelope, token: receipt.token, receipt });
    }
    // A story with attachments, sent with the tracking headers and query on every upload request,
    // then withdrawn: its chunks must leave no bytes either.
    const tracked: Requester = async (p, init) =>
      fetch(new URL(`${p}${p.includes('?') ? '&' : '?'}utm=${canaries.query}`, server.url), { ...init, headers: { ...tracking, ...(init?.headers as Record<string, string>) } });
    const attachments = [randomBytes(sealedAttachmentSize(150_000)), randomBytes(sealedAttachmentSize(9000))];
    const withPictures = newReceipt();
    const upload = await uploadSealed(tracked, attachments);
    const pictured = { envelope: b64uEncode(envelopeFor(editors, `Pictures ${canaries.story}`)), ...(await solvedChallenge(request)), receiptVerifier: b64uEncode(withPictures.verifier), upload };
    expect((await post(`/api/v1/submissions${q}`, pictured)).status).toBe(201);
    expect((await post('/api/v1/receipts/status', { token: b64uEncode(withPictures.token), action: 'withdraw' })).status).toBe(200);

    // Failed submissions carry canaries too.
    expect((await post(`/api/v1/submissions${q}`, { envelope: canaries.story })).status).toBe(400);
    expect((await post(`/api/v1/receipts/status${q}`, { token: b64uEncode(stories[0]!.token), action: 'status' })).text).toBe('{"status":"received","padding":" "}');

    // Stories 0 and 2 get a reply and an answer each, every request carrying the canaries.
    const nowS = () => Math.floor(Date.now() / 1000);
    const signedPost = (editor: TestEditor, p: string, body: unknown) => {
      const init = signed(editor, 'POST', p, body, nowS());
      return send(server.url, 'POST', p, { ...tracking, ...(init.headers as Record<string, string>) }, init.body as string);
    };
    const inboxOf = async (editor: TestEditor) => {
      const init = signed(editor, 'GET', '/api/v1/inbox', undefined, nowS());
      return JSON.parse((await send(server.url, 'GET', '/api/v1/inbox', { ...tracking, ...(init.headers as Record<string, string>) })).text) as {
        items: { id: string; envelope: string }[];
      };
    };
    const idOfStory = (page: { items: { id: string; envelope: string }[] }, story: { envelope: Uint8Array }) =>
      page.items.find((item) => Buffer.from(b64uDecode(item.envelope)).equals(story.envelope))!.id;
    const messages: Uint8Array[][] = [[], [], []];
    const firstInbox = await inboxOf(editors[0]!);
    for (const index of [0, 2]) {
      const story = stories[index]!;
      const to = { editorX25519PublicKeys: editors.map((e) => e.identity.x25519.publicKey), authorReplyKey: story.receipt.reply.publicKey };
      const id = idOfStory(firstInbox, story);
      const writer = editors[1]!.identity;
      const reply = sealReply(b64uDecode(id), `Question ${canaries.reply}`, { x25519PublicKey: writer.x25519.publicKey, ed25519Seed: writer.ed25519.secretKey }, to);
      expect((await signedPost(editors[1]!, '/api/v1/inbox/messages', { id, envelope: b64uEncode(reply) })).status).toBe(201);
      const answer = sealAnswer(`Answer ${canaries.answer}`, to);
      const work = await solvedChallenge(request, answer.length);
      expect((await post(`/api/v1/receipts/answer${q}`, { token: b64uEncode(story.token), envelope: b64uEncode(answer), ...work })).status).toBe(201);
      expect((await post(`/api/v1/receipts/messages${q}`, { token: b64uEncode(story.token) })).status).toBe(200);
      messages[index]!.push(reply, answer);
    }

    // Withdraw story 0; both editors pull and acknowledge story 1; story 2 stays.
    expect((await post('/api/v1/receipts/status', { token: b64uEncode(stories[0]!.token), action: 'withdraw' })).status).toBe(200);
    for (const editor of editors) {
      const answer = await signedPost(editor, '/api/v1/inbox/ack', { ids: [idOfStory(await inboxOf(editor), stories[1]!)] });
      expect(answer.status).toBe(200);
    }

    // The team log: a record whose plaintext carries the story canary, appended and read back
    // with tracking headers and a canary query; the server keeps its ciphertext only.
    const teamRecord = envelopeFor(editors, `Team note ${canaries.story}`);
    const append = signed(editors[0]!, 'POST', `/api/v1/team${q}`, { record: b64uEncode(teamRecord) }, nowS());
    expect((await send(server.url, 'POST', `/api/v1/team${q}`, { ...tracking, ...(append.headers as Record<string, string>) }, append.body as string)).status).toBe(201);
    const read = signed(editors[1]!, 'GET', '/api/v1/team?after=0', undefined, nowS());
    const log = JSON.parse((await send(server.url, 'GET', '/api/v1/team?after=0', { ...tracking, ...(read.headers as Record<string, string>) })).text) as { records: { record: string }[] };
    expect(log.records.map((r) => r.record)).toEqual([b64uEncode(teamRecord)]);
    const refused = signed(editors[1]!, 'GET', `/api/v1/team${q}`, undefined, nowS());
    expect((await send(server.url, 'GET', `/api/v1/team${q}`, { ...tracking, ...(refused.headers as Record<string, string>) })).status).toBe(400);

    expect(await server.stop()).toBe(0);
    const files = allFiles(data.dir);
    expect(files.some((f) => f.endsWith('sotto.db'))).toBe(true);
    const written = files.map((f) => ({ f, bytes: readFileSync(f) }));
    const printed = server.output();
    for (const [where, value] of Object.entries(canaries)) {
      for (const { f, bytes } of written) expect(bytes.includes(value), `${where} canary in ${f}`).toBe(false);
      expect(printed.includes(value), `${where} canary printed`).toBe(false);
    }
    expect(printed).not.toMatch(/203\.0\.113\.7|127\.0\.0\.1:\d+ -|GET|POST/);

    const slices = (bytes: Uint8Array) => Array.from({ length: Math.floor(bytes.length / 512) }, (_, i) => Buffer.from(bytes.subarray(i * 512, i * 512 + 32)));
    const present = (bytes: Uint8Array) => written.some(({ bytes: file }) => slices(bytes).some((slice) => file.includes(slice)));
    expect(present(stories[0]!.envelope), 'withdrawn envelope').toBe(false);
    for (const [i, file] of attachments.entries()) expect(present(file), `attachment ${i} of a withdrawn story`).toBe(false);
    expect(present(stories[1]!.envelope), 'acknowledged envelope').toBe(false);
    expect(present(stories[2]!.envelope), 'kept envelope (control)').toBe(true);
    expect(present(teamRecord), 'team record (kept as ciphertext)').toBe(true);
    for (const message of messages[0]!) expect(present(message), 'message of a withdrawn story').toBe(false);
    for (const message of messages[2]!) expect(present(message), 'kept message (control)').toBe(true);
  });
});
