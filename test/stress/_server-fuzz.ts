// A seeded request mutator for the server (SECURITY.md §10). Every case is built from one PRNG seeded
// with stressSeed(), so a failure replays with SOTTO_FUZZ_SEED. Cases cover every route and
// method: random bytes, wrong content types, huge and many headers, deep and huge JSON, invalid
// UTF-8, duplicate and prototype keys, truncated and bit-flipped real envelopes carried by valid
// proofs of work (so they reach the envelope check), forged and correctly signed editor requests
// with hostile bodies and queries, replays, story messages (replies, answers, conversation reads)
// with mutated envelopes and real or forged links, attachment uploads with hostile sizes and
// chunks. Alongside, a ledger of every 201: afterwards the store must hold exactly those
// envelopes and messages.

import Database from 'better-sqlite3';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { b64uDecode, b64uEncode, utf8Encode } from '../../crypto/bytes.ts';
import { API_ERRORS, type ApiErrorCode } from '../../crypto/contract.ts';
import { sealAnswer } from '../../crypto/message-seal.ts';
import {
  ATTACHMENT_SEALED_CHUNK_BYTES, MAX_SEALED_UPLOAD_BYTES, sealedAttachmentSize, sealedChunkCount, sealedChunkSize,
} from '../../crypto/attachment-format.ts';
import { solveChallenge } from '../../crypto/pow.ts';
import { signRequest } from '../../crypto/request-signature.ts';
import { createTestServer, envelopeFor, newReceipt, type Requester, type TestEditor } from '../support/server.ts';
import { seededRandom } from '../support/random.ts';
import { freshFetch, sendRaw } from './_raw-http.ts';
import { envelopeKey } from './_support.ts';

export type Random = () => number;

const int = (r: Random, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const chance = (r: Random, p: number) => r() < p;

export function randomBytes(r: Random, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(r() * 256);
  return out;
}

const ROUTES = [
  '/', '/index.html', '/app.js', '/api/v1/config', '/api/v1/challenge', '/api/v1/submissions', '/api/v1/receipts/status',
  '/api/v1/inbox', '/api/v1/inbox/ack', '/api/v1/inbox/status', '/api/v1/inbox/', '/api/v1', '/api', '/api/v2/submissions',
  '/api/v1/submissions/', '/API/V1/SUBMISSIONS', '/api/v1/receipts', '/api/v1/receipts/withdraw', '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd', '/api/v1/inbox?limit=-1', '/api/v1/inbox?limit=1e9', '/api/v1/inbox?after=..',
  '/api/v1/uploads', '/api/v1/uploads/', '/api/v1/uploads/x/0/0', '/api/v1/inbox/attachment?id=AAAAAAAAAAAAAAAAAAAAAA&file=0&chunk=0',
  '/%00', '/.sotto-site', '/api/v1/config?x=%ff%fe', '//api/v1/config', '/api/v1/inbox/../submissions',
  '/api/v1/team', '/api/v1/team/', '/api/v1/team?after=-1', '/api/v1/team?limit=1e9',
  '/api/v1/receipts/messages', '/api/v1/receipts/answer', '/api/v1/inbox/messages', '/api/v1/inbox/messages?since=x',
];
const MESSAGE_ROUTES = ['/api/v1/receipts/answer', '/api/v1/inbox/messages'];
/** A 201 that stored a story message, not a submission. */
export const isMessageRoute = (pathname: string) => MESSAGE_ROUTES.includes(pathname);
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/jsonx', 'application/json;', 'text/plain',
  'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '', 'application/octet-stream', 'application/json\u00ff',
  'text/html; charset=utf-7', 'application/*', `application/json; ${'p=1; '.repeat(500)}`,
];
const SUCCESS: Readonly<Record<string, readonly number[]>> = {
  'GET /': [200], 'GET /index.html': [200], 'GET /api/v1/config': [200], 'POST /api/v1/challenge': [200],
  'POST /api/v1/submissions': [201], 'POST /api/v1/receipts/status': [200], 'GET /api/v1/inbox': [200],
  'POST /api/v1/inbox/ack': [200], 'POST /api/v1/inbox/status': [200], 'GET /api/v1/team': [200], 'POST /api/v1/team': [201],
  'POST /api/v1/receipts/messages': [200], 'POST /api/v1/receipts/answer': [201],
  'GET /api/v1/inbox/messages': [200], 'POST /api/v1/inbox/messages': [201],
  'POST /api/v1/uploads': [201], 'GET /api/v1/inbox/attachment': [200],
};
const CHUNK_PATH = /^\/api\/v1\/uploads\/[A-Za-z0-9_-]{43}\/\d+\/\d+$/;

/** The documented successes of `method path` (HEAD answers as GET). */
export function allowedSuccess(method: string, pathname: string): readonly number[] {
  if (method === 'PUT' && CHUNK_PATH.test(pathname)) return [200];
  return SUCCESS[`${method === 'HEAD' ? 'GET' : method} ${pathname}`] ?? [];
}

function invalidUtf8(r: Random): Uint8Array {
  const bad = [[0xff], [0xfe], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];
  const parts: number[] = [];
  for (let i = int(r, 1, 40); i > 0; i--) parts.push(...(chance(r, 0.5) ? pick(r, bad) : [int(r, 0x20, 0x7e)]));
  return Uint8Array.from(parts);
}

function deepJson(r: Random): string {
  const depth = pick(r, [100, 1_000, 10_000, 100_000, 1_000_000]);
  if (chance(r, 0.5)) return `${'['.repeat(depth)}${']'.repeat(depth)}`;
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function junkValue(r: Random): unknown {
  return pick(r, [
    null, true, 0, -1, 1e308, 'x', '', [], {}, [1, 2], { a: 1 }, 'A'.repeat(int(r, 1, 5000)), '\u0000', '\ud800', '🏳️‍🌈',
    '../../etc/passwd', "'; DROP TABLE submissions; --", '<script>alert(1)</script>', 9007199254740993, '-0', '0x10',
  ]);
}

/** Mutations of a real envelope that keep or break its structure. */
function mutateEnvelope(r: Random, envelope: Uint8Array): Uint8Array {
  const copy = new Uint8Array(envelope);
  switch (int(r, 0, 9)) {
    case 0: return copy.subarray(0, int(r, 0, copy.length - 1)); // truncated
    case 1: { // bit flips anywhere (in the body, the server cannot tell: a documented 201)
      for (let i = int(r, 1, 8); i > 0; i--) copy[int(r, 0, copy.length - 1)]! ^= 1 << int(r, 0, 7);
      return copy;
    }
    case 2: copy[int(r, 0, 3)]! ^= 0xff; return copy; // magic
    case 3: copy[4] = pick(r, [0, 3, 16, 17, 255]); return copy; // recipient count
    case 4: { for (let i = 5; i < 13; i++) copy[i] = int(r, 0, 255); return copy; } // first key id
    case 5: { const more = new Uint8Array(copy.length + int(r, 1, 4096)); more.set(copy); return more; } // appended bytes
    case 6: { copy.set(copy.subarray(5, 93), 93); return copy; } // duplicate recipient
    case 7: return new Uint8Array(0);
    case 8: return randomBytes(r, int(r, 1, 9000));
    default: { const head = copy.slice(0, 200); return head; }
  }
}

function mutateString(r: Random, text: string): string {
  if (text.length === 0) return 'x';
  switch (int(r, 0, 6)) {
    case 0: return text.slice(0, int(r, 0, text.length - 1));
    case 1: { const i = int(r, 0, text.length - 1); return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << int(r, 0, 6))) + text.slice(i + 1); }
    case 2: return `${text}${pick(r, ['=', '==', '.', ' ', '\n', '+', '/', '\u0000', 'é'])}`;
    case 3: return text.replace(/-/g, '+').replace(/_/g, '/');
    case 4: return text + text;
    case 5: return text.toUpperCase();
    default: return ` ${text}`;
  }
}

function jsonWithDuplicateKeys(fields: Record<string, unknown>, r: Random): string {
  const entries = Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  const [k] = pick(r, Object.entries(fields));
  entries.splice(int(r, 0, entries.length), 0, `${JSON.stringify(k)}:${JSON.stringify(junkValue(r))}`);
  if (chance(r, 0.3)) entries.push('"__proto__":{"polluted":1}', '"constructor":{"prototype":{"x":1}}');
  return `{${entries.join(',')}}`;
}

/** A pool for generateCase with a few real envelopes for `editors`. */
export function newPool(request: Requester, nowS: () => number, editors: TestEditor[]): Pool {
  const pool: Pool = { request, nowS, editors, envelopes: [], accepted: [], ids: [], verifiers: [], tokens: [], messages: [], uploads: [] };
  for (let i = 0; i < 4; i++) pool.envelopes.push(envelopeFor(editors, `seed story ${i} ${'x'.repeat(i * 3000)}`));
  const to = { editorX25519PublicKeys: editors.map((e) => e.identity.x25519.publicKey), authorReplyKey: newReceipt().reply.publicKey };
  for (let i = 0; i < 2; i++) pool.messages.push(sealAnswer(`seed message ${i}`, to));
  return pool;
}

export interface FuzzCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
  label: string;
  /** Built so that no answer but a refusal is right (a replay, a used receipt, garbage). */
  mustRefuse?: boolean;
}

export interface Pool {
  request: Requester;
  /** The server's clock, Unix seconds (signed requests must fall in its window). */
  nowS: () => number;
  editors: TestEditor[];
  envelopes: Uint8Array[];
  /** Bodies answered 201: replaying one must be refused. */
  accepted: string[];
  /** Ids of stored submissions, learnt from the inbox. */
  ids: string[];
  verifiers: Uint8Array[];
  /** Receipt tokens of valid submissions sent (they reach real stories' messages). */
  tokens: Uint8Array[];
  /** Valid story messages for these editors. */
  messages: Uint8Array[];
  /** Upload tokens the server made, with their sealed sizes. */
  uploads: { token: string; files: number[] }[];
}

async function freshChallenge(pool: Pool): Promise<{ challenge: string; nonce: string }> {
  const response = await pool.request('/api/v1/challenge', { method: 'POST' });
  const { challenge, difficulty } = (await response.json()) as { challenge: string; difficulty: number };
  return { challenge, nonce: solveChallenge(challenge, difficulty) };
}

function signedHeaders(pool: Pool, editor: TestEditor, method: string, pathAndQuery: string, body: Uint8Array): Record<string, string> {
  return signRequest({ method, pathAndQuery, body, keyIdHex: editor.keyIdHex, ed25519SecretKey: editor.identity.ed25519.secretKey, now: pool.nowS() });
}

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** One generated request. Async because valid proofs of work come from the server. */
export async function generateCase(r: Random, pool: Pool): Promise<FuzzCase> {
  const kind = int(r, 0, 18);
  switch (kind) {
    case 18: return uploadCase(r, pool);
    case 0: { // anything anywhere: random method, route, content type, bytes
      const body = chance(r, 0.5) ? randomBytes(r, int(r, 0, 4096)) : undefined;
      const method = pick(r, METHODS);
      return { method, path: pick(r, ROUTES), headers: { 'Content-Type': pick(r, CONTENT_TYPES) }, body: method === 'GET' || method === 'HEAD' ? undefined : body, label: 'random' };
    }
    case 1: return { method: 'POST', path: pick(r, ['/api/v1/submissions', '/api/v1/receipts/status', '/api/v1/inbox/ack']), headers: JSON_TYPE, body: deepJson(r), label: 'deep json', mustRefuse: true };
    case 2: return { method: 'POST', path: pick(r, ['/api/v1/submissions', '/api/v1/receipts/status']), headers: JSON_TYPE, body: invalidUtf8(r), label: 'invalid utf-8', mustRefuse: true };
    case 3: { // huge bodies: just under, at and over the limits (rare: they are big)
      if (!chance(r, 0.08)) return { method: 'POST', path: '/api/v1/receipts/status', headers: JSON_TYPE, body: `{"token":"${'A'.repeat(int(r, 16_000, 20_000))}","action":"status"}`, label: 'huge small-body', mustRefuse: true };
      const size = pick(r, [2_700_000, 2_900_000, 3_500_000]);
      return { method: 'POST', path: '/api/v1/submissions', headers: JSON_TYPE, body: `{"envelope":"${'A'.repeat(size)}","challenge":"x","nonce":"1","receiptVerifier":"x"}`, label: 'huge submission', mustRefuse: true };
    }
    case 4: { // huge and many headers
      const headers: Record<string, string> = { ...JSON_TYPE };
      if (chance(r, 0.5)) headers['X-Big'] = 'x'.repeat(int(r, 1_000, 64_000));
      else for (let i = int(r, 50, 300); i > 0; i--) headers[`X-H${i}`] = String(i);
      headers['Cookie'] = `a=${'b'.repeat(int(r, 0, 8000))}`;
      return { method: pick(r, ['GET', 'POST']), path: pick(r, ROUTES), headers, label: 'huge headers' };
    }
    case 5: { // type-confused and extra fields in each JSON route
      const route = pick(r, ['/api/v1/submissions', '/api/v1/receipts/status', '/api/v1/inbox/ack', '/api/v1/inbox/status']);
      const keys = ['envelope', 'challenge', 'nonce', 'receiptVerifier', 'token', 'action', 'ids', 'id', 'status', '__proto__', 'constructor'];
      const body: Record<string, unknown> = {};
      for (let i = int(r, 0, 6); i > 0; i--) body[pick(r, keys)] = junkValue(r);
      return { method: 'POST', path: route, headers: JSON_TYPE, body: JSON.stringify(body), label: 'type confusion', mustRefuse: true };
    }
    case 6: case 7: { // a real envelope, mutated, with a valid proof of work: reaches checkEnvelope
      const solved = await freshChallenge(pool);
      const envelope = mutateEnvelope(r, pick(r, pool.envelopes));
      const body = { envelope: b64uEncode(envelope), ...solved, receiptVerifier: b64uEncode(newReceipt().verifier) };
      return { method: 'POST', path: '/api/v1/submissions', headers: JSON_TYPE, body: JSON.stringify(body), label: 'mutated envelope' };
    }
    case 8: { // a valid submission with one field mutated as text (base64, challenge, nonce, verifier)
      const solved = await freshChallenge(pool);
      const fields: Record<string, string> = { envelope: b64uEncode(pick(r, pool.envelopes)), ...solved, receiptVerifier: b64uEncode(newReceipt().verifier) };
      const key = pick(r, Object.keys(fields));
      fields[key] = mutateString(r, fields[key]!);
      return { method: 'POST', path: '/api/v1/submissions', headers: JSON_TYPE, body: JSON.stringify(fields), label: `mutated ${key}` };
    }
    case 9: { // duplicate keys around a valid submission
      const solved = await freshChallenge(pool);
      const envelope = pick(r, pool.envelopes);
      const fields = { envelope: b64uEncode(envelope), ...solved, receiptVerifier: b64uEncode(newReceipt().verifier) };
      return { method: 'POST', path: '/api/v1/submissions', headers: JSON_TYPE, body: jsonWithDuplicateKeys(fields, r), label: 'duplicate keys' };
    }
    case 10: { // replays: an accepted body again, or a used receipt verifier with a fresh challenge
      if (pool.accepted.length === 0 || pool.verifiers.length === 0 || chance(r, 0.3)) {
        const envelope = envelopeFor(pool.editors, `fuzz valid ${r()}`);
        pool.envelopes.push(envelope);
        const receipt = newReceipt();
        pool.verifiers.push(receipt.verifier);
        pool.tokens.push(receipt.token);
        const body = JSON.stringify({ envelope: b64uEncode(envelope), ...(await freshChallenge(pool)), receiptVerifier: b64uEncode(receipt.verifier) });
        return { method: 'POST', path: '/api/v1/submissions', headers: JSON_TYPE, body, label: 'valid' };
      }
      if (chance(r, 0.5)) return { method: 'POST', path: '/api/v1/submissions', headers: JSON_TYPE, body: pick(r, pool.accepted), label: 'replayed body', mustRefuse: true };
      const body = JSON.stringify({ envelope: b64uEncode(pick(r, pool.envelopes)), ...(await freshChallenge(pool)), receiptVerifier: b64uEncode(pick(r, pool.verifiers)) });
      return { method: 'POST', path: '/api/v1/submissions', headers: JSON_TYPE, body, label: 'reused receipt', mustRefuse: true };
    }
    case 11: { // receipts: random and mutated tokens, both actions
      const token = chance(r, 0.5) ? b64uEncode(randomBytes(r, 32)) : mutateString(r, b64uEncode(randomBytes(r, 32)));
      return { method: 'POST', path: '/api/v1/receipts/status', headers: JSON_TYPE, body: chance(r, 0.2) ? jsonWithDuplicateKeys({ token, action: 'status' }, r) : JSON.stringify({ token, action: pick(r, ['status', 'withdraw', 'delete', '']) }), label: 'receipt' };
    }
    case 12: { // forged editor requests: wrong key, bad signature, odd timestamps and nonces
      const editor = pick(r, pool.editors);
      const route = pick(r, ['/api/v1/inbox', '/api/v1/inbox/ack', '/api/v1/inbox/status', '/api/v1/inbox?limit=5', '/api/v1/team', '/api/v1/team?after=0']);
      const method = route.includes('ack') || route.includes('status') ? 'POST' : 'GET';
      const body = method === 'POST' ? utf8Encode(JSON.stringify({ ids: [b64uEncode(randomBytes(r, 16))] })) : new Uint8Array(0);
      const headers: Record<string, string> = { ...signedHeaders(pool, editor, method, route, body), ...JSON_TYPE };
      const field = pick(r, ['sotto-key-id', 'sotto-timestamp', 'sotto-nonce', 'sotto-signature', 'missing', 'other-editor-key']);
      if (field === 'missing') delete headers[pick(r, ['sotto-key-id', 'sotto-timestamp', 'sotto-nonce', 'sotto-signature'])];
      else if (field === 'other-editor-key') headers['sotto-key-id'] = pick(r, pool.editors).keyIdHex === editor.keyIdHex ? '00'.repeat(8) : pool.editors.find((e) => e !== editor)!.keyIdHex;
      else headers[field] = chance(r, 0.5) ? mutateString(r, headers[field]!) : String(junkValue(r));
      return { method, path: route, headers, body: method === 'POST' ? body : undefined, label: 'forged signature', mustRefuse: true };
    }
    case 13: case 14: { // correctly signed editor requests with hostile bodies and queries
      const editor = pick(r, pool.editors);
      const choice = int(r, 0, 5);
      if (choice === 4) { // the team log, read from hostile positions
        const query = pick(r, ['?after=-1', '?after=1e99', '?after=abc', '?limit=0', '?limit=201', '?after=1&after=2', '?x=1', '', '?after=0&limit=5', `?after=${mutateString(r, '12')}`]);
        const pathAndQuery = `/api/v1/team${query}`;
        return { method: 'GET', path: pathAndQuery, headers: signedHeaders(pool, editor, 'GET', pathAndQuery, new Uint8Array(0)), label: 'signed team log' };
      }
      if (choice === 5) { // team records: sealed to the editors (stored), random or mutated bytes, junk
        const sealed = pick(r, pool.envelopes);
        const record = pick(r, [b64uEncode(sealed), b64uEncode(randomBytes(r, int(r, 0, 5000))), mutateString(r, b64uEncode(sealed)), '', String(junkValue(r))]);
        const body = utf8Encode(chance(r, 0.2) ? deepJson(r).slice(0, 15_000) : JSON.stringify(chance(r, 0.1) ? { record, extra: 1 } : { record }));
        return { method: 'POST', path: '/api/v1/team', headers: { ...JSON_TYPE, ...signedHeaders(pool, editor, 'POST', '/api/v1/team', body) }, body, label: 'signed team record' };
      }
      if (choice === 0) {
        const query = pick(r, ['?limit=0', '?limit=101', '?limit=abc', '?limit=1&limit=2', '?after=2026-11-20.AAAAAAAAAAAAAAAAAAAAAA', `?after=${mutateString(r, '2026-11-20.AAAAAAAAAAAAAAAAAAAAAA')}`, '?x=1', '?limit=5', '', '?limit=100']);
        const pathAndQuery = `/api/v1/inbox${query}`;
        return { method: 'GET', path: pathAndQuery, headers: signedHeaders(pool, editor, 'GET', pathAndQuery, new Uint8Array(0)), label: 'signed inbox' };
      }
      const route = choice === 1 ? '/api/v1/inbox/ack' : '/api/v1/inbox/status';
      let text: string;
      if (choice === 3 && pool.ids.length > 0 && chance(r, 0.5)) text = JSON.stringify({ id: pick(r, pool.ids), status: pick(r, ['in_review', 'published', 'declined', 'received', 'withdrawn', 'x']) });
      else if (chance(r, 0.3)) text = deepJson(r).slice(0, 15_000);
      else if (route.endsWith('ack')) text = JSON.stringify({ ids: Array.from({ length: pick(r, [0, 1, 100, 101]) }, () => (chance(r, 0.9) ? b64uEncode(randomBytes(r, 16)) : junkValue(r))) });
      else text = JSON.stringify({ id: chance(r, 0.7) ? b64uEncode(randomBytes(r, 16)) : junkValue(r), status: pick(r, ['in_review', 'withdrawn', 'x', 5]) });
      const body = utf8Encode(text);
      return { method: 'POST', path: route, headers: { ...JSON_TYPE, ...signedHeaders(pool, editor, 'POST', route, body) }, body, label: 'signed hostile body' };
    }
    case 16: { // signed editor messages: a reply (mutated or whole) to a real or random id, or hostile queries
      const editor = pick(r, pool.editors);
      if (chance(r, 0.3)) {
        const query = pick(r, ['', '?since=2026-11-20', '?since=20261120', '?limit=0', '?limit=101', '?after=2026-11-20.AAAAAAAAAAAAAAAAAAAAAA.1', '?after=2026-11-20.AAAAAAAAAAAAAAAAAAAAAA.0', `?after=${mutateString(r, '2026-11-20.AAAAAAAAAAAAAAAAAAAAAA.3')}`, '?x=1']);
        const pathAndQuery = `/api/v1/inbox/messages${query}`;
        return { method: 'GET', path: pathAndQuery, headers: signedHeaders(pool, editor, 'GET', pathAndQuery, new Uint8Array(0)), label: 'signed messages read' };
      }
      const message = pick(r, pool.messages);
      const envelope = chance(r, 0.4) ? message : mutateEnvelope(r, message);
      const id = pool.ids.length > 0 && chance(r, 0.7) ? pick(r, pool.ids) : b64uEncode(randomBytes(r, 16));
      const fields: Record<string, unknown> = { id, envelope: b64uEncode(envelope) };
      if (chance(r, 0.2)) fields[pick(r, ['id', 'envelope', 'extra'])] = junkValue(r);
      const body = utf8Encode(chance(r, 0.1) ? jsonWithDuplicateKeys(fields, r) : JSON.stringify(fields));
      return { method: 'POST', path: '/api/v1/inbox/messages', headers: { ...JSON_TYPE, ...signedHeaders(pool, editor, 'POST', '/api/v1/inbox/messages', body) }, body, label: 'signed reply' };
    }
    case 17: { // the author's side: conversation reads and answers with real or forged tokens
      const token = pool.tokens.length > 0 && chance(r, 0.6) ? b64uEncode(pick(r, pool.tokens)) : chance(r, 0.5) ? b64uEncode(randomBytes(r, 32)) : mutateString(r, b64uEncode(randomBytes(r, 32)));
      if (chance(r, 0.4)) return { method: 'POST', path: '/api/v1/receipts/messages', headers: JSON_TYPE, body: JSON.stringify({ token }), label: 'conversation read' };
      const message = pick(r, pool.messages);
      const envelope = chance(r, 0.4) ? message : mutateEnvelope(r, message);
      const fields: Record<string, string> = { token, envelope: b64uEncode(envelope), ...(await freshChallenge(pool)) };
      if (chance(r, 0.2)) { const key = pick(r, Object.keys(fields)); fields[key] = mutateString(r, fields[key]!); }
      return { method: 'POST', path: '/api/v1/receipts/answer', headers: JSON_TYPE, body: JSON.stringify(fields), label: 'answer' };
    }
    default: { // signed request replayed, or signed for another path or body
      const editor = pick(r, pool.editors);
      const headers = signedHeaders(pool, editor, 'GET', '/api/v1/inbox?limit=1', new Uint8Array(0));
      return { method: pick(r, ['GET', 'POST']), path: pick(r, ['/api/v1/inbox?limit=2', '/api/v1/inbox', '/api/v1/inbox/ack']), headers: { ...headers, ...JSON_TYPE }, body: undefined, label: 'signature for another request', mustRefuse: true };
    }
  }
}

const OCTETS = { 'Content-Type': 'application/octet-stream' };

/** Attachment uploads: hostile file lists with a valid upload proof of work, and chunks of every
 * wrong size, index and token (a few right ones too). */
async function uploadCase(r: Random, pool: Pool): Promise<FuzzCase> {
  if (pool.uploads.length === 0 || chance(r, 0.3)) {
    const valid = [sealedAttachmentSize(int(r, 1, 200_000))];
    const files = chance(r, 0.5) ? valid : pick(r, [[], [0], [-1], [valid[0]! + 1], [1e300], ['1'], Array(4).fill(valid[0]), [MAX_SEALED_UPLOAD_BYTES], null]);
    const asked = await pool.request('/api/v1/challenge', { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ uploadBytes: chance(r, 0.8) ? sealedAttachmentSize(200_000) : 1 }) });
    const { challenge, difficulty } = (await asked.json()) as { challenge: string; difficulty: number };
    const body = JSON.stringify({ challenge, nonce: solveChallenge(challenge, difficulty), files });
    const made = await pool.request('/api/v1/uploads', { method: 'POST', headers: JSON_TYPE, body: chance(r, 0.9) ? body : mutateString(r, body) });
    if (made.status === 201) pool.uploads.push({ token: ((await made.json()) as { upload: string }).upload, files: files as number[] });
    const token = b64uEncode(randomBytes(r, 32));
    return { method: 'PUT', path: `/api/v1/uploads/${token}/0/0`, headers: OCTETS, body: randomBytes(r, 100), label: 'chunk of an unknown upload', mustRefuse: true };
  }
  const { token, files } = pick(r, pool.uploads);
  const file = chance(r, 0.8) ? 0 : pick(r, [1, 3, -1, 99]);
  const chunk = chance(r, 0.7) ? int(r, 0, Math.max(0, sealedChunkCount(files[0]!) - 1)) : pick(r, [-1, 1e9, 4.5, 'x']);
  const expected = typeof chunk === 'number' && file === 0 ? sealedChunkSize(files[0]!, chunk) : 0;
  const size = chance(r, 0.6) && expected > 0 ? expected : pick(r, [0, 1, expected - 1, expected + 1, ATTACHMENT_SEALED_CHUNK_BYTES + 1].filter((n) => n >= 0));
  const path = `/api/v1/uploads/${chance(r, 0.9) ? token : mutateString(r, token)}/${file}/${chunk}`;
  const method = chance(r, 0.9) ? 'PUT' : pick(r, ['POST', 'GET', 'DELETE']);
  return { method, path, headers: chance(r, 0.9) ? OCTETS : JSON_TYPE, body: method === 'GET' ? undefined : randomBytes(r, size), label: 'upload chunk' };
}

export interface Violation {
  label: string;
  method: string;
  path: string;
  status: number;
  why: string;
}

/** Checks one answer against the contract; returns why it breaks it, or undefined. */
export async function checkAnswer(method: string, pathname: string, response: Response): Promise<string | undefined> {
  const status = response.status;
  if (!response.headers.get('content-security-policy')?.includes("default-src 'none'")) return 'no security headers';
  if (status >= 500) return `server error ${status}`;
  if (status < 400) {
    await response.arrayBuffer();
    return allowedSuccess(method, pathname).includes(status) || (status === 200 && method !== 'POST' && !pathname.startsWith('/api/')) ? undefined : `unexpected success ${status}`;
  }
  if (method === 'HEAD') return undefined;
  const text = await response.text();
  if (!/^application\/json/.test(response.headers.get('content-type') ?? '')) return `error without JSON: ${text.slice(0, 80)}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'error body is not JSON';
  }
  const keys = value && typeof value === 'object' ? Object.keys(value) : [];
  const { error: message, code } = value as { error?: unknown; code?: unknown };
  if (keys.join() !== 'error,code' || typeof message !== 'string' || message.length === 0 || message.length > 80) return `error body is not {"error": short, "code": code}: ${text.slice(0, 120)}`;
  // The code is the contract (crypto/contract.ts): one of the table's, of this status.
  if (typeof code !== 'string' || !Object.hasOwn(API_ERRORS, code) || API_ERRORS[code as ApiErrorCode][0] !== status) return `error code ${String(code)} is not one of ${status}`;
  if (/at .*\.(ts|js):\d+|Error:|\n/.test(message)) return `error leaks internals: ${message}`;
  return undefined;
}

export interface InProcessFuzzResult {
  seed: number;
  tried: number;
  byStatus: Map<number, number>;
  byLabel: Map<string, number>;
  violations: Violation[];
  /** Requests that did not answer within the per-request limit. */
  hangs: number;
  acknowledged: number;
  /** Story messages answered 201 (all must be in the store). */
  messagesStored: number;
  /** Envelopes and messages answered 201 that the store does not hold byte for byte. */
  lost: number;
  /** Rows in the store no 201 answered for. */
  unexpectedRows: number;
  /** A valid submission after the fuzz. */
  afterwards: number;
  heapGrowthBytes: number;
}

/** What a 201 stored: the body's envelope field as the server reads it (with duplicate keys,
 * the last one wins). A mutated proof of work can still be valid at a low difficulty, and a
 * bit flip in the ciphertext keeps the structure: both are documented successes. */
export function storedEnvelopeOf(body: FuzzCase['body']): Uint8Array | undefined {
  try {
    const value = JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as { envelope?: unknown };
    return typeof value.envelope === 'string' ? b64uDecode(value.envelope) : undefined;
  } catch {
    return undefined;
  }
}

const HANG_MS = 15_000;
const PARALLEL = 8;

function collectGarbage(): void {
  try {
    v8.setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    /* best effort: the check is coarse anyway */
  }
}

/** `runs` generated requests against an in-process app (test/support/server.ts). */
export async function fuzzInProcess(options: { seed: number; runs: number }): Promise<InProcessFuzzResult> {
  const r = seededRandom(options.seed);
  const server = createTestServer({ editors: 2 });
  const pool = newPool(server.request, () => server.clock.ms / 1000, server.editors);
  const result: InProcessFuzzResult = {
    seed: options.seed, tried: 0, byStatus: new Map(), byLabel: new Map(), violations: [], hangs: 0,
    acknowledged: 0, messagesStored: 0, lost: 0, unexpectedRows: 0, afterwards: 0, heapGrowthBytes: 0,
  };
  /** Envelope → how many 201s carried it (the same envelope may be sent under several receipts). */
  const ledger = new Map<string, number>();
  /** Team records answered 201 (they are not submissions: the team log holds them). */
  let teamAppended = 0;
  const record = (envelope: Uint8Array) => ledger.set(envelopeKey(envelope), (ledger.get(envelopeKey(envelope)) ?? 0) + 1);
  let heapBaseline = 0;
  let messagesStored = 0;
  try {
    for (let done = 0; done < options.runs; done += PARALLEL) {
      if (done >= options.runs / 10 && heapBaseline === 0) {
        collectGarbage();
        heapBaseline = process.memoryUsage().heapUsed;
      }
      // Editors learn ids now and then, so signed status changes hit real rows too.
      if (done % 500 === 0) {
        const response = await server.request('/api/v1/inbox?limit=100', {
          method: 'GET',
          headers: signedHeaders(pool, server.editors[0]!, 'GET', '/api/v1/inbox?limit=100', new Uint8Array(0)),
        });
        const page = (await response.json()) as { items?: { id: string }[] };
        pool.ids = page.items?.map((item) => item.id) ?? pool.ids;
      }
      const cases: FuzzCase[] = [];
      for (let i = 0; i < PARALLEL && done + i < options.runs; i++) cases.push(await generateCase(r, pool));
      await Promise.all(
        cases.map(async (fuzz) => {
          const init: RequestInit = { method: fuzz.method, headers: fuzz.headers, body: fuzz.body as BodyInit | undefined };
          let pathname: string;
          try {
            pathname = new URL(new Request(`http://localhost${fuzz.path}`, init).url).pathname;
          } catch {
            return; // a request no HTTP client could send (the process batch covers raw bytes)
          }
          result.tried++;
          result.byLabel.set(fuzz.label, (result.byLabel.get(fuzz.label) ?? 0) + 1);
          let timer: NodeJS.Timeout | undefined;
          const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), HANG_MS)));
          const answer = await Promise.race([server.request(fuzz.path, init), hang]);
          clearTimeout(timer);
          if (answer === 'hang') {
            result.hangs++;
            result.violations.push({ label: fuzz.label, method: fuzz.method, path: fuzz.path, status: 0, why: 'no answer' });
            return;
          }
          result.byStatus.set(answer.status, (result.byStatus.get(answer.status) ?? 0) + 1);
          const why = await checkAnswer(fuzz.method, pathname, answer);
          if (why) result.violations.push({ label: fuzz.label, method: fuzz.method, path: fuzz.path, status: answer.status, why });
          if (answer.status === 201 && pathname === '/api/v1/team') teamAppended++;
          else if (answer.status === 201 && isMessageRoute(pathname)) messagesStored++;
          else if (answer.status === 201) {
            const stored = storedEnvelopeOf(fuzz.body);
            if (fuzz.mustRefuse || !stored) result.violations.push({ label: fuzz.label, method: fuzz.method, path: fuzz.path, status: 201, why: 'accepted a case built to be refused' });
            else record(stored);
            if (typeof fuzz.body === 'string') pool.accepted.push(fuzz.body);
          }
        }),
      );
    }
    collectGarbage();
    result.heapGrowthBytes = process.memoryUsage().heapUsed - heapBaseline;

    // Afterwards: a valid submission is accepted, and the store holds exactly the ledger.
    const envelope = envelopeFor(server.editors, 'after the fuzz');
    const body = JSON.stringify({ envelope: b64uEncode(envelope), ...(await freshChallenge(pool)), receiptVerifier: b64uEncode(newReceipt().verifier) });
    result.afterwards = (await server.request('/api/v1/submissions', { method: 'POST', headers: JSON_TYPE, body })).status;
    if (result.afterwards === 201) record(envelope);
    result.acknowledged = [...ledger.values()].reduce((a, b) => a + b, 0);
    // The store holds its database exclusively (server/store-sqlite.ts): close it, then read the file.
    await server.store.close();
    const db = new Database(path.join(server.dataDir, 'sotto.db'), { readonly: true });
    try {
      const stored = new Map<string, number>();
      for (const bytes of db.prepare('SELECT bytes FROM envelopes').pluck().all() as Buffer[]) stored.set(envelopeKey(bytes), (stored.get(envelopeKey(bytes)) ?? 0) + 1);
      const rows = db.prepare('SELECT count(*) FROM submissions').pluck().get() as number;
      for (const [key, count] of ledger) result.lost += Math.max(0, count - (stored.get(key) ?? 0));
      for (const [key, count] of stored) result.unexpectedRows += Math.max(0, count - (ledger.get(key) ?? 0));
      result.unexpectedRows += Math.max(0, rows - result.acknowledged);
      // The team log holds exactly the records answered 201.
      const teamRows = db.prepare('SELECT count(*) FROM team_log').pluck().get() as number;
      result.lost += Math.max(0, teamAppended - teamRows);
      result.unexpectedRows += Math.max(0, teamRows - teamAppended);
      const messages = db.prepare('SELECT count(*) FROM messages').pluck().get() as number;
      result.lost += Math.max(0, messagesStored - messages);
      result.unexpectedRows += Math.max(0, messages - messagesStored);
      result.messagesStored = messagesStored;
    } finally {
      db.close();
    }
  } finally {
    await server.close();
  }
  return result;
}

/** Requests only raw bytes can make: broken framing, lying lengths, garbage request lines. */
export function rawCases(r: Random): { label: string; parts: (string | Uint8Array)[]; end?: boolean }[] {
  const crlf = '\r\n';
  const post = (headers: string, body: string) => `POST /api/v1/submissions HTTP/1.1${crlf}Host: x${crlf}${headers}${crlf}${body}`;
  return [
    { label: 'garbage', parts: [randomBytes(r, int(r, 1, 2000))], end: true },
    { label: 'garbage line', parts: [`${'A'.repeat(int(r, 1, 100))} / HTTP/1.1${crlf}${crlf}`] },
    { label: 'no colon', parts: [`GET / HTTP/1.1${crlf}Host x${crlf}${crlf}`] },
    { label: 'nul in header', parts: [`GET / HTTP/1.1${crlf}Host: x\u0000y${crlf}${crlf}`] },
    { label: 'http/2 line', parts: [`GET / HTTP/2.0${crlf}Host: x${crlf}${crlf}`] },
    { label: 'http/9', parts: [`GET / HTTP/9.9${crlf}Host: x${crlf}${crlf}`] },
    { label: 'http/1.0', parts: [`GET /api/v1/config HTTP/1.0${crlf}${crlf}`] },
    { label: 'preface', parts: [`PRI * HTTP/2.0${crlf}${crlf}SM${crlf}${crlf}`] },
    { label: 'long url', parts: [`GET /${'a'.repeat(int(r, 10_000, 100_000))} HTTP/1.1${crlf}Host: x${crlf}${crlf}`] },
    { label: 'header overflow', parts: [`GET / HTTP/1.1${crlf}Host: x${crlf}X-Big: ${'b'.repeat(int(r, 17_000, 80_000))}${crlf}${crlf}`] },
    { label: 'content-length short', parts: [post(`Content-Type: application/json${crlf}Content-Length: 5${crlf}`, '{"envelope":"x"}')] },
    { label: 'content-length long, then close', parts: [post(`Content-Type: application/json${crlf}Content-Length: 100000${crlf}`, '{"envelope":"')], end: true },
    { label: 'content-length negative', parts: [post(`Content-Type: application/json${crlf}Content-Length: -1${crlf}`, '{}')] },
    { label: 'content-length twice', parts: [post(`Content-Type: application/json${crlf}Content-Length: 2${crlf}Content-Length: 3${crlf}`, '{}')] },
    { label: 'content-length and chunked', parts: [post(`Content-Type: application/json${crlf}Content-Length: 2${crlf}Transfer-Encoding: chunked${crlf}`, `2${crlf}{}${crlf}0${crlf}${crlf}`)] },
    { label: 'bad chunk size', parts: [post(`Content-Type: application/json${crlf}Transfer-Encoding: chunked${crlf}`, `zz${crlf}{}${crlf}0${crlf}${crlf}`)] },
    { label: 'huge chunk', parts: [post(`Content-Type: application/json${crlf}Transfer-Encoding: chunked${crlf}`, `FFFFFFFFFF${crlf}{}`)], end: true },
    { label: 'chunked over limit', parts: [post(`Content-Type: application/json${crlf}Transfer-Encoding: chunked${crlf}`, `${(4_000_000).toString(16)}${crlf}${'A'.repeat(4_000_000)}${crlf}0${crlf}${crlf}`)] },
    { label: 'pipelined', parts: [Array.from({ length: 10 }, () => `GET /api/v1/config HTTP/1.1${crlf}Host: x${crlf}${crlf}`).join('')] },
    { label: 'expect 100', parts: [post(`Content-Type: application/json${crlf}Expect: 100-continue${crlf}Content-Length: 2${crlf}`, '')], end: true },
    { label: 'absolute url', parts: [`GET http://evil.example/api/v1/config HTTP/1.1${crlf}Host: evil.example${crlf}${crlf}`] },
    { label: 'connect', parts: [`CONNECT evil.example:443 HTTP/1.1${crlf}Host: evil.example${crlf}${crlf}`] },
    { label: 'half request', parts: [`GET /api/v1/con`], end: true },
  ];
}

export interface ProcessFuzzResult {
  tried: number;
  byStatus: Map<number, number>;
  /** Refusals written by Node's HTTP parser itself (no app headers), counted apart. */
  parserRefusals: number;
  violations: Violation[];
  acknowledged: string[];
}

/** Sends `count` generated requests (fetch) and `rawRounds` rounds of raw cases to a running
 * server process. The caller checks liveness, memory and the store afterwards. */
export async function fuzzProcess(options: {
  url: string;
  editors: TestEditor[];
  seed: number;
  count: number;
  rawRounds: number;
  /** Privacy canaries sent with every request (headers, and a query on unsigned ones). */
  tracking?: Record<string, string>;
  query?: string;
}): Promise<ProcessFuzzResult> {
  const r = seededRandom(options.seed ^ 0x9e3779b9);
  const request: Requester = freshFetch(options.url);
  const pool = newPool(request, () => Date.now() / 1000, options.editors);
  const result: ProcessFuzzResult = { tried: 0, byStatus: new Map(), parserRefusals: 0, violations: [], acknowledged: [] };
  const note = (status: number) => result.byStatus.set(status, (result.byStatus.get(status) ?? 0) + 1);
  for (let i = 0; i < options.count; i++) {
    const fuzz = await generateCase(r, pool);
    const init: RequestInit = { method: fuzz.method, headers: { ...options.tracking, ...fuzz.headers }, body: fuzz.body as BodyInit | undefined };
    // The signature covers the query, so canaries go into the query of unsigned requests only.
    if (options.query && !('sotto-signature' in fuzz.headers)) fuzz.path += `${fuzz.path.includes('?') ? '&' : '?'}${options.query}`;
    let response: Response;
    try {
      new Request(`http://localhost${fuzz.path}`, init);
    } catch {
      continue;
    }
    result.tried++;
    try {
      response = await request(fuzz.path, init);
    } catch (error) {
      // Node's parser closes on an oversized header block, and a body over the limit is refused
      // (413) before it is read, so the rest of it may meet a closed socket. Anything else fails.
      const size = fuzz.body === undefined ? 0 : typeof fuzz.body === 'string' ? fuzz.body.length : fuzz.body.length;
      if (fuzz.label === 'huge headers' || (size > 16 * 1024 && /EPIPE|ECONNRESET/.test((error as Error).message))) {
        result.parserRefusals++;
        continue;
      }
      result.violations.push({ label: fuzz.label, method: fuzz.method, path: fuzz.path, status: 0, why: `no answer: ${(error as Error).message}` });
      continue;
    }
    note(response.status);
    if (response.status < 500 && !response.headers.has('content-security-policy')) {
      await response.arrayBuffer();
      result.parserRefusals++;
      continue;
    }
    const why = await checkAnswer(fuzz.method, new URL(`http://x${fuzz.path}`).pathname, response);
    if (why) result.violations.push({ label: fuzz.label, method: fuzz.method, path: fuzz.path, status: response.status, why });
    if (response.status === 201 && new URL(`http://x${fuzz.path}`).pathname === '/api/v1/team') continue; // a team record: not a submission
    if (response.status === 201 && isMessageRoute(new URL(`http://x${fuzz.path}`).pathname)) continue; // a message, not a submission
    if (response.status === 201) {
      const stored = storedEnvelopeOf(fuzz.body);
      if (fuzz.mustRefuse || !stored) result.violations.push({ label: fuzz.label, method: fuzz.method, path: fuzz.path, status: 201, why: 'accepted a case built to be refused' });
      else result.acknowledged.push(envelopeKey(stored));
      if (typeof fuzz.body === 'string') pool.accepted.push(fuzz.body);
    }
  }
  for (let round = 0; round < options.rawRounds; round++) {
    for (const raw of rawCases(r)) {
      result.tried++;
      if (options.tracking) raw.parts = raw.parts.map((part) => (typeof part === 'string' ? part.replace('Host: x\r\n', `Host: x\r\n${Object.entries(options.tracking!).map(([k, v]) => `${k}: ${v}\r\n`).join('')}`) : part));
      const answer = await sendRaw(options.url, raw.parts, { end: raw.end, waitMs: 2_000 });
      for (const status of answer.statuses) note(status);
      const bad = answer.statuses.filter((s) => s >= 500);
      if (bad.length > 0) result.violations.push({ label: raw.label, method: 'RAW', path: '', status: bad[0]!, why: `server error ${bad[0]}: ${answer.head.split('\r\n')[0]}` });
      // An answer from the app (not the parser) to a broken request must be a JSON error too.
      if (answer.status !== undefined && answer.status >= 400 && /content-security-policy/i.test(answer.head) && !/^\{"error":"[^"]{1,80}","code":"[a-z_]+"\}$/.test(answer.body.split('\r\n').find((l) => l.startsWith('{')) ?? answer.body)) {
        result.violations.push({ label: raw.label, method: 'RAW', path: '', status: answer.status, why: `error body: ${answer.body.slice(0, 80)}` });
      }
      if (answer.status !== undefined && !/content-security-policy/i.test(answer.head)) result.parserRefusals++;
    }
  }
  return result;
}
