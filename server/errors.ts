// Error answers: always `{"error": "<short sentence>"}`, never a stack, never printed (a log
// line per failed request would be a log line per request).

import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { StoreFullError, StoreUnavailableError } from './store.ts';

export function jsonError(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ error: message }, status);
}

export const notFound: NotFoundHandler = (c) => jsonError(c, 404, 'not found');

/** The store's neutral errors (server/store.ts) can reach any route that writes, not only a
 * submission. */
export const onError: ErrorHandler = (error, c) => {
  if (error instanceof HTTPException && error.status < 500) return jsonError(c, error.status, 'bad request');
  if (error instanceof StoreFullError) return jsonError(c, 507, 'storage full');
  if (error instanceof StoreUnavailableError) return jsonError(c, 503, 'busy');
  return jsonError(c, 500, 'internal error');
};
