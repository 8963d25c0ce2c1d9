// Error answers: always `{"error": "<short sentence>"}`, never a stack, never printed (a log
// line per failed request would be a log line per request).

import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';

export function jsonError(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ error: message }, status);
}

export const notFound: NotFoundHandler = (c) => jsonError(c, 404, 'not found');

/** SQLite's "database or disk is full" (better-sqlite3 error code). Any write can meet it, not
 * only a submission: a withdrawal or an acknowledgement on a full disk is a 507 too. */
export function isDiskFull(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}

export const onError: ErrorHandler = (error, c) => {
  if (error instanceof HTTPException && error.status < 500) return jsonError(c, error.status, 'bad request');
  if (isDiskFull(error)) return jsonError(c, 507, 'storage full');
  return jsonError(c, 500, 'internal error');
};
