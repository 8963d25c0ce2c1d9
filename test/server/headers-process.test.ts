// Security headers on every answer of the real process (dist/server.mjs, as `npm start` runs it),
// read from the raw bytes on the socket: HEAD, errors, 404s, refusals by @hono/node-server itself
// (a request it cannot turn into a Request) and by Node's HTTP parser. In-process tests
// (server/security-headers.test.ts) cannot see these: app.request() builds other Response objects
// and never meets the adapter or the parser.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../server/security-headers.ts';
import { keyListOf, makeEditors } from '../support/server.ts';
import { sendRaw } from '../stress/_raw-http.ts';
import { startServer, type ServerProcess } from './server-process.ts';

let server: ServerProcess;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sotto-headers-'));
  writeFileSync(path.join(dir, 'editors.pub'), keyListOf(makeEditors(1)));
  // A 1 MiB quota: a challenge for a 2 MiB envelope is refused 507.
  server = await startServer({ SOTTO_DATA_DIR: path.join(dir, 'data'), SOTTO_EDITORS: path.join(dir, 'editors.pub'), SOTTO_MAX_STORE_MB: '1' }, { entry: 'dist' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const json = (body: string) => `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('every answer of the real process carries the security headers', () => {
  it.each([
    ['GET / 200', 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 200],
    ['HEAD / 200', 'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 200],
    ['HEAD api 200', 'HEAD /api/v1/config HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 200],
    ['HEAD 404', 'HEAD /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 404],
    ['GET 404', 'GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 404],
    ['POST to a page 404', 'POST /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', 404],
    ['401 unsigned inbox', 'GET /api/v1/inbox HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 401],
    ['400 malformed JSON', `POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${json('{nope')}`, 400],
    ['400 wrong content type', 'POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}', 400],
    ['403 bad proof of work', `POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${json(JSON.stringify({ envelope: 'AAAA', challenge: 'x.y', nonce: '0', receiptVerifier: 'A'.repeat(43) }))}`, 403],
    ['413 declared too large', 'POST /api/v1/challenge HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n', 413],
    ['507 quota', `POST /api/v1/challenge HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${json('{"envelopeBytes":2000000}')}`, 507],
    ['node-server 400: backslash in the path', 'GET /a\\b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['node-server 400: no Host header', 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
    ['node-server 400: invalid Host header', 'GET / HTTP/1.1\r\nHost: a b/c\r\nConnection: close\r\n\r\n', 400],
    ['parser 400: garbage', 'NOT HTTP AT ALL\r\n\r\n', 400],
    ['parser 431: oversized headers', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])('%s', async (_name, request, status) => {
    const answer = await sendRaw(server.url, [request], { end: false });
    expect(answer.status, answer.head).toBe(status);
    const headers = new Map(answer.head.split('\r\n').slice(1).map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
    }));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers.get(name.toLowerCase()), `${name}\n${answer.head}`).toBe(value);
    for (const name of ['server', 'x-powered-by', 'etag', 'last-modified', 'set-cookie']) expect(headers.has(name), name).toBe(false);
    if (status >= 400 && !request.startsWith('HEAD')) {
      // A short JSON error with its code, never a stack or the request's own bytes.
      const body = JSON.parse(answer.body) as { error: string; code: string };
      expect(Object.keys(body)).toEqual(['error', 'code']);
    }
  });
});
