// Requests Node's HTTP parser refuses never reach Hono; they must still get a short JSON error
// with the security headers (server/client-error.ts), against the real server process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError } from '../../crypto/contract.ts';
import { keyListOf, makeEditors } from '../support/server.ts';
import { startServer, type ServerProcess } from './server-process.ts';

let server: ServerProcess;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sotto-client-error-'));
  writeFileSync(path.join(dir, 'editors.pub'), keyListOf(makeEditors(1)));
  server = await startServer({ SOTTO_DATA_DIR: path.join(dir, 'data'), SOTTO_EDITORS: path.join(dir, 'editors.pub') });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

function rawExchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.end(request);
  });
}

describe('requests the HTTP parser refuses', () => {
  it.each([
    ['a garbage request line', 'NOT HTTP AT ALL\r\n\r\n', 400, 'bad_request'],
    ['oversized headers', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
  ] as const)('%s get a JSON error with the security headers', async (_name, request, status, code) => {
    const answer = await rawExchange(request);
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(head).toContain("Content-Security-Policy: default-src 'none'");
    expect(head).toContain('Referrer-Policy: no-referrer');
    expect(JSON.parse(body!)).toEqual(apiError(code).body);
    expect(server.output()).not.toContain('X-Big');
  });
});
