// Shared by the server's tests (in process) and test/server/ (real processes): editors, valid
// envelopes, solved challenges, signed requests. Never imported by the server itself.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ATTACHMENT_SEALED_CHUNK_BYTES, sealedChunkCount } from '../../crypto/attachment-format.ts';
import { b64uEncode, utf8Encode } from '../../crypto/bytes.ts';
import { sealEnvelope } from '../../crypto/envelope-noble.ts';
import { generateIdentity, publicKeyLineOf, type Identity } from '../../crypto/identity.ts';
import { keyIdHex } from '../../crypto/key-id.ts';
import { solveChallenge } from '../../crypto/pow.ts';
import { deriveReceipt, newReceiptCode, parseReceiptCode, type ReceiptSecrets } from '../../crypto/receipt.ts';
import { signRequest } from '../../crypto/request-signature.ts';
import { createApp } from '../../server/app.ts';
import { ChallengeBook } from '../../server/challenge.ts';
import { AdaptiveDifficulty } from '../../server/difficulty.ts';
import { loadEditors, type Editors } from '../../server/editors.ts';
import { Intake } from '../../server/intake.ts';
import { PowPrice } from '../../server/pow-price.ts';
import { limitsFor } from '../../server/limits.ts';
import { loadStaticSite, type StaticSite } from '../../server/static-site.ts';
import { MemorySpentTokens } from '../../server/memory-spent-tokens.ts';
import { SqliteStore } from '../../server/store-sqlite.ts';

export interface TestEditor {
  identity: Identity;
  keyIdHex: string;
  line: string;
}

export function makeEditors(count: number): TestEditor[] {
  return Array.from({ length: count }, (_, i) => {
    const identity = generateIdentity();
    return { identity, keyIdHex: keyIdHex(identity.x25519.publicKey), line: publicKeyLineOf(identity, `editor ${i + 1}`) };
  });
}

export function keyListOf(editors: readonly TestEditor[]): string {
  return `${editors.map((e) => e.line).join('\n')}\n`;
}

export function tempDir(prefix = 'sotto-server-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function envelopeFor(editors: readonly TestEditor[], story: string): Uint8Array {
  return sealEnvelope(utf8Encode(story), editors.map((e) => e.identity.x25519.publicKey));
}

export function newReceipt(): ReceiptSecrets {
  const parsed = parseReceiptCode(newReceiptCode());
  if (!parsed.ok) throw new Error('receipt code did not parse');
  return deriveReceipt(parsed.ikm);
}

/** Anything with a fetch-like `request` (a Hono app in process, or a real server via fetch). */
export type Requester = (path: string, init?: RequestInit) => Promise<Response>;

/** A challenge for an envelope of `envelopeBytes` (none: a base-size one), solved. */
export async function solvedChallenge(request: Requester, envelopeBytes?: number): Promise<{ challenge: string; nonce: string }> {
  const response = await request('/api/v1/challenge', envelopeBytes === undefined ? { method: 'POST' } : postJson({ envelopeBytes }));
  const { challenge, difficulty } = (await response.json()) as { challenge: string; difficulty: number };
  return { challenge, nonce: solveChallenge(challenge, difficulty) };
}

export async function submissionBody(
  request: Requester,
  envelope: Uint8Array,
  receipt: ReceiptSecrets = newReceipt(),
): Promise<Record<string, string>> {
  return { envelope: b64uEncode(envelope), ...(await solvedChallenge(request, envelope.length)), receiptVerifier: b64uEncode(receipt.verifier) };
}

/** Sends `story` as the page would, with a fresh receipt; throws unless it is stored (201). */
export async function sendStory(server: { request: Requester; editors: TestEditor[] }, story = 'a story'): Promise<{ receipt: ReceiptSecrets; envelope: Uint8Array }> {
  const receipt = newReceipt();
  const envelope = envelopeFor(server.editors, story);
  const response = await server.request('/api/v1/submissions', postJson(await submissionBody(server.request, envelope, receipt)));
  if (response.status !== 201) throw new Error(`story refused: ${response.status} ${await response.text()}`);
  return { receipt, envelope };
}

/** Uploads sealed attachments as the page does (upload-api.ts): a challenge priced for their
 * total, the upload, then every chunk. Returns the upload token to post with the story. */
export async function uploadSealed(request: Requester, sealed: readonly Uint8Array[]): Promise<string> {
  const files = sealed.map((file) => file.length);
  const asked = await request('/api/v1/challenge', postJson({ uploadBytes: files.reduce((sum, bytes) => sum + bytes, 0) }));
  const { challenge, difficulty } = (await asked.json()) as { challenge: string; difficulty: number };
  const made = await request('/api/v1/uploads', postJson({ challenge, nonce: solveChallenge(challenge, difficulty), files }));
  if (made.status !== 201) throw new Error(`upload refused: ${made.status} ${await made.text()}`);
  const { upload } = (await made.json()) as { upload: string };
  for (const [file, bytes] of sealed.entries()) {
    for (let chunk = 0; chunk < sealedChunkCount(bytes.length); chunk++) {
      const part = bytes.subarray(chunk * ATTACHMENT_SEALED_CHUNK_BYTES, (chunk + 1) * ATTACHMENT_SEALED_CHUNK_BYTES);
      const put = await request(`/api/v1/uploads/${upload}/${file}/${chunk}`, putChunk(part));
      if (put.status !== 200) throw new Error(`chunk refused: ${put.status} ${await put.text()}`);
    }
  }
  return upload;
}

export function putChunk(bytes: Uint8Array): RequestInit {
  return { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes as Uint8Array<ArrayBuffer> };
}

export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A signed editor request, as the reviewer CLI sends it. */
export function signed(editor: TestEditor, method: 'GET' | 'POST', pathAndQuery: string, body?: unknown, now?: number): RequestInit {
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string> = signRequest({
    method,
    pathAndQuery,
    body: utf8Encode(text),
    keyIdHex: editor.keyIdHex,
    ed25519SecretKey: editor.identity.ed25519.secretKey,
    ...(now === undefined ? {} : { now }),
  });
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return body === undefined ? { method, headers } : { method, headers, body: text };
}

export interface TestServer {
  request: Requester;
  editors: TestEditor[];
  config: Editors;
  store: SqliteStore;
  dataDir: string;
  clock: { ms: number };
  close: () => Promise<void>;
}

/** An app on a temporary database with difficulty 1 and a settable clock. */
export function createTestServer(
  options: { editors?: number; maxStoreBytes?: number; site?: StaticSite; maxEnvelopeBytes?: number; difficulty?: AdaptiveDifficulty; demo?: boolean } = {},
): TestServer {
  const editors = makeEditors(options.editors ?? 2);
  const config = loadEditors(keyListOf(editors));
  const { dir, remove } = tempDir();
  const clock = { ms: Date.UTC(2026, 10, 20, 12) };
  const store = new SqliteStore(path.join(dir, 'sotto.db'), [...config.keyIds]);
  const app = createApp({
    editors: config,
    limits: limitsFor(editors.length, options.maxEnvelopeBytes),
    challenges: new ChallengeBook(new Uint8Array(32).fill(7)),
    difficulty: options.difficulty ?? new AdaptiveDifficulty(1),
    price: new PowPrice(editors.length, options.maxStoreBytes ?? 64 * 1024 * 1024),
    intake: new Intake(store, options.maxStoreBytes ?? 64 * 1024 * 1024),
    store,
    editorNonces: new MemorySpentTokens(100_000, clock.ms / 1000),
    site: options.site ?? loadStaticSite(dir),
    nowMs: () => clock.ms,
    demo: options.demo ?? false,
  });
  return {
    request: async (p, init) => app.request(p, init),
    editors,
    config,
    store,
    dataDir: dir,
    clock,
    close: async () => {
      await store.close();
      remove();
    },
  };
}
