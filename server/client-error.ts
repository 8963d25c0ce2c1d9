// Answers to requests Node's HTTP parser refuses before Hono sees them (malformed request line,
// oversized headers, a header or request timeout). Without this, Node writes a bare status line:
// no JSON error, no security headers. Nothing about the request or the error is kept or printed.

import type { Socket } from 'node:net';
import { SECURITY_HEADERS } from './security-headers.ts';

const ANSWERS: Record<string, { status: number; reason: string; error: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', error: 'headers too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', error: 'request timeout' },
};
const BAD_REQUEST = { status: 400, reason: 'Bad Request', error: 'bad request' };

/** The raw HTTP/1.1 answer for a parser error `code` (undefined: 400). */
export function clientErrorResponse(code: string | undefined): string {
  const answer = (code && ANSWERS[code]) || BAD_REQUEST;
  const body = JSON.stringify({ error: answer.error });
  const headers = Object.entries({ ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Content-Length': String(body.length), Connection: 'close' })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `HTTP/1.1 ${answer.status} ${answer.reason}\r\n${headers}\r\n${body}`;
}

/** A 'clientError' listener for the node:http server. */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (socket.writable) socket.end(clientErrorResponse(error.code));
  else socket.destroy();
}
