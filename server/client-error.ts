// Answers to requests Node's HTTP parser refuses before Hono sees them (malformed request line,
// oversized headers, a header or request timeout). Without this, Node writes a bare status line:
// no JSON error, no security headers. Nothing about the request or the error is kept or printed.

import type { Socket } from 'node:net';
import { apiError, type ApiErrorCode } from '../crypto/contract.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

const ANSWERS: Record<string, { reason: string; code: ApiErrorCode }> = {
  HPE_HEADER_OVERFLOW: { reason: 'Request Header Fields Too Large', code: 'headers_too_large' },
  ERR_HTTP_REQUEST_TIMEOUT: { reason: 'Request Timeout', code: 'request_timeout' },
};
const BAD_REQUEST = { reason: 'Bad Request', code: 'bad_request' } as const;

/** The raw HTTP/1.1 answer for a parser error `code` (undefined: 400). */
export function clientErrorResponse(code: string | undefined): string {
  const answer = (code && ANSWERS[code]) || BAD_REQUEST;
  const { status, body: json } = apiError(answer.code);
  const body = JSON.stringify(json);
  const headers = Object.entries({ ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Content-Length': String(body.length), Connection: 'close' })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${answer.reason}\r\n${headers}\r\n${body}`;
}

/** A 'clientError' listener for the node:http server. */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (socket.writable) socket.end(clientErrorResponse(error.code));
  else socket.destroy();
}
