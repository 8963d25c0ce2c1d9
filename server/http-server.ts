// The node:http server around the Hono app. @hono/node-server's serve() answers a request it
// cannot turn into a Request (a backslash in the path, a bad Host header) with a bare 400, and a
// fetch handler that throws with a bare 500: no security headers, no JSON. Its request listener
// takes an error handler, which serve() does not pass on, so the server is made here. Node's own
// 400 for a request without a Host header has no headers either: that check is left to the
// listener, which then refuses the request through the same error handler.

import { RequestError, getRequestListener } from '@hono/node-server';
import { createServer, type Server, type ServerOptions } from 'node:http';
import { apiError } from '../crypto/contract.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

type Fetch = Parameters<typeof getRequestListener>[0];

/** The JSON error answer, with the security headers, for a failure outside Hono. Nothing about
 * the error is sent or kept: its message could quote the request. */
function adapterError(error: unknown): Response {
  const { status, body } = apiError(error instanceof RequestError ? 'bad_request' : 'internal');
  return new Response(JSON.stringify(body), { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json' } });
}

export function createHttpServer(fetch: Fetch, options: ServerOptions): Server {
  return createServer({ ...options, requireHostHeader: false }, getRequestListener(fetch, { errorHandler: adapterError }));
}
