// Error answers: always `{"error": "<short sentence>", "code": "<code>"}` from the shared table in
// crypto/contract.ts, never a stack, never printed (a log line per failed request would be a log
// line per request).

import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { apiError, type ApiErrorCode } from '../crypto/contract.ts';

/** The answer for `code`; `message` refines the table's sentence (e.g. which field is invalid). */
export function jsonError(c: Context, code: ApiErrorCode, message?: string): Response {
  const { status, body } = apiError(code, message);
  return c.json(body, status as ContentfulStatusCode);
}

export const notFound: NotFoundHandler = (c) => jsonError(c, 'not_found');

/** SQLite's "database or disk is full" (better-sqlite3 error code). Any write can meet it, not
 * only a submission: a withdrawal or an acknowledgement on a full disk is a 507 too. */
export function isDiskFull(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}

export const onError: ErrorHandler = (error, c) => {
  if (error instanceof HTTPException && error.status < 500) return jsonError(c, 'bad_request');
  if (isDiskFull(error)) return jsonError(c, 'storage_full');
  return jsonError(c, 'internal');
};
