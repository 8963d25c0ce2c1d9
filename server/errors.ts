// Error answers: always `{"error": "<short sentence>", "code": "<code>"}` from the shared table in
// crypto/contract.ts, never a stack, never printed (a log line per failed request would be a log
// line per request).

import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { apiError, type ApiErrorCode } from '../crypto/contract.ts';
import { StoreFullError, StoreUnavailableError } from './store.ts';

/** The answer for `code`; `message` refines the table's sentence (e.g. which field is invalid). */
export function jsonError(c: Context, code: ApiErrorCode, message?: string): Response {
  const { status, body } = apiError(code, message);
  return c.json(body, status as ContentfulStatusCode);
}

export const notFound: NotFoundHandler = (c) => jsonError(c, 'not_found');

/** The store's neutral errors (server/store.ts) can reach any route that writes, not only a
 * submission. */
export const onError: ErrorHandler = (error, c) => {
  if (error instanceof HTTPException && error.status < 500) return jsonError(c, 'bad_request');
  if (error instanceof StoreFullError) return jsonError(c, 'storage_full');
  if (error instanceof StoreUnavailableError) return jsonError(c, 'busy');
  return jsonError(c, 'internal');
};
