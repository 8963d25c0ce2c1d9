// server/http-server.ts with a handler that fails: the adapter's own 500 (a fetch handler that
// throws) gets the security headers and a JSON error naming nothing of the failure.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError } from '../../crypto/contract.ts';
import { createHttpServer } from '../../server/http-server.ts';
import { SECURITY_HEADERS } from '../../server/security-headers.ts';
import { sendRaw } from '../stress/_raw-http.ts';

const server = createHttpServer(() => {
  throw new Error('secret detail from /private/path');
}, {});
let url: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createHttpServer', () => {
  it('answers a throwing handler 500 with the security headers and a bare JSON error', async () => {
    const answer = await sendRaw(url, ['GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'], { end: false });
    expect(answer.status).toBe(500);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(answer.head.toLowerCase()).toContain(`${name}: ${value}`.toLowerCase());
    expect(JSON.parse(answer.body)).toEqual(apiError('internal').body);
    expect(answer.head + answer.body).not.toContain('secret');
  });
});
