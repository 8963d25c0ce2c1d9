// A small stand-in for server/ that implements the submitter half of docs/API.md exactly (config,
// challenge, submissions, receipt status) and serves the built page with the real security
// headers. Tests use it to see what the page sent and to make sending fail on purpose.
// Test-only: HMAC secret and storage live in memory.

import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { b64uDecode, b64uEncode, equalBytes, utf8Encode } from '../../crypto/bytes.ts';
import { checkEnvelope, maxEnvelopeBytes } from '../../crypto/envelope-format.ts';
import { meetsDifficulty } from '../../crypto/pow.ts';
import { MAX_PAYLOAD_BYTES } from '../../crypto/pad.ts';
import type { EditorPublicKey } from '../../crypto/public-key.ts';
import { SECURITY_HEADERS } from '../../server/security-headers.ts';

export interface StoredSubmission {
  envelope: Uint8Array | null;
  verifier: string;
  status: 'received' | 'in_review' | 'published' | 'declined' | 'withdrawn';
}

/** A forced error answer for the next POST /api/v1/submissions. */
export type Fault = { status: number; error: string };

export interface FakeApi {
  origin: string;
  submissions: StoredSubmission[];
  /** "METHOD /path" of every request, in order. */
  log: string[];
  faults: Fault[];
  /** While on, every API request has its connection dropped, as if the network were down. */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

const NEUTRAL_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Weather</title></head><body><p>Sunny.</p></body></html>';

export async function startFakeApi(options: { siteDir: string; editors: EditorPublicKey[]; difficulty: number }): Promise<FakeApi> {
  const secret = randomBytes(32);
  const usedChallenges = new Set<string>();
  const editorKeyIds = new Set(options.editors.map((k) => k.keyIdHex));
  const files = new Map(readdirSync(options.siteDir).map((name) => [`/${name}`, readFileSync(path.join(options.siteDir, name))]));
  const api: Pick<FakeApi, 'submissions' | 'log' | 'faults'> = { submissions: [], log: [], faults: [] };
  let offline = false;
  const mac = (payload: string): string => b64uEncode(createHmac('sha256', secret).update(payload).digest());

  const app = new Hono<{ Bindings: { incoming: IncomingMessage } }>();
  app.use(async (c, next) => {
    const pathname = new URL(c.req.url).pathname;
    api.log.push(`${c.req.method} ${pathname}`);
    if (offline && pathname.startsWith('/api/')) {
      c.env.incoming.socket.destroy();
      return c.body(null);
    }
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    return undefined;
  });

  app.get('/api/v1/config', (c) =>
    c.json({
      version: 1,
      editors: options.editors.map((k) => k.line),
      keySetFingerprint: '',
      maxPayloadBytes: MAX_PAYLOAD_BYTES,
      maxEnvelopeBytes: maxEnvelopeBytes(options.editors.length),
      pow: { difficulty: options.difficulty },
    }));

  app.post('/api/v1/challenge', (c) => {
    const now = Math.floor(Date.now() / 1000);
    const payload = b64uEncode(utf8Encode(JSON.stringify({ v: 1, id: b64uEncode(randomBytes(16)), d: options.difficulty, exp: now + 600, iat: now })));
    return c.json({ challenge: `${payload}.${mac(payload)}`, difficulty: options.difficulty, expiresAt: now + 600 });
  });

  app.post('/api/v1/submissions', async (c) => {
    const fault = api.faults.shift();
    if (fault) return c.json({ error: fault.error }, fault.status as 400);
    const body = (await c.req.json()) as Record<string, unknown>;
    const { envelope, challenge, nonce, receiptVerifier } = body;
    if (Object.keys(body).length !== 4 || typeof envelope !== 'string' || typeof challenge !== 'string' ||
        typeof nonce !== 'string' || typeof receiptVerifier !== 'string' || b64uDecode(receiptVerifier).length !== 32) {
      return c.json({ error: 'malformed request' }, 400);
    }
    const [payload = '', tag = ''] = challenge.split('.');
    if (!equalBytes(utf8Encode(tag), utf8Encode(mac(payload)))) return c.json({ error: 'proof of work is not valid' }, 403);
    if (usedChallenges.has(challenge)) return c.json({ error: 'challenge already used' }, 409);
    if (!meetsDifficulty(challenge, nonce, options.difficulty)) return c.json({ error: 'proof of work is not valid' }, 403);
    const bytes = b64uDecode(envelope);
    if (!checkEnvelope(bytes, { editorKeyIds, maxEnvelopeBytes: maxEnvelopeBytes(editorKeyIds.size) }).ok) {
      return c.json({ error: 'envelope is not valid' }, 400);
    }
    usedChallenges.add(challenge);
    if (api.submissions.some((s) => s.verifier === receiptVerifier)) return c.json({ error: 'receipt already used' }, 409);
    api.submissions.push({ envelope: bytes, verifier: receiptVerifier, status: 'received' });
    return c.json({ ok: true }, 201);
  });

  app.post('/api/v1/receipts/status', async (c) => {
    const { token, action } = (await c.req.json()) as { token: string; action: 'status' | 'withdraw' };
    const verifier = b64uEncode(createHash('sha256').update(b64uDecode(token)).digest());
    const found = api.submissions.find((s) => s.verifier === verifier);
    if (found && action === 'withdraw') {
      found.envelope = null;
      found.status = 'withdrawn';
    }
    return c.json({ status: found?.status ?? 'unknown' });
  });

  app.get('/neutral', (c) => c.html(NEUTRAL_PAGE));
  app.get('*', (c) => {
    const pathname = new URL(c.req.url).pathname;
    const file = files.get(pathname === '/' ? '/index.html' : pathname);
    if (!file) return c.json({ error: 'not found' }, 404);
    return c.body(new Uint8Array(file), 200, { 'content-type': CONTENT_TYPES[path.extname(pathname)] ?? CONTENT_TYPES['.html']! });
  });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...api,
    origin: `http://127.0.0.1:${port}`,
    setOffline: (on) => void (offline = on),
    close: () => new Promise((resolve) => {
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

