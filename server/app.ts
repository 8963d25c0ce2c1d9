// The Hono application: security headers outermost (so every answer carries them, errors
// included), body limits before any body is read, then the routes. Pure wiring: everything it
// needs is passed in, so tests build it with app.request() and a temporary database.

import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { editorApi } from './editor-api.ts';
import { jsonError, notFound, onError } from './errors.ts';
import { MAX_SMALL_BODY_BYTES } from './limits.ts';
import { securityHeaders } from './security-headers.ts';
import { serveStatic, type StaticSite } from './static-site.ts';
import type { SpentTokens } from './store.ts';
import { submitApi, type SubmitApiDeps } from './submit-api.ts';
import { MAX_TEAM_BODY_BYTES, teamApi } from './team-api.ts';
import { uploadApi } from './upload-api.ts';
import { ATTACHMENT_SEALED_CHUNK_BYTES } from '../crypto/attachment-format.ts';

export interface AppDeps extends SubmitApiDeps {
  editorNonces: SpentTokens;
  site: StaticSite;
}

function limitBody(maxSize: number) {
  return bodyLimit({ maxSize, onError: (c) => jsonError(c, 'too_large') });
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(securityHeaders());
  app.use('/api/v1/submissions', limitBody(deps.limits.maxSubmissionBodyBytes));
  app.use('/api/v1/uploads/*', limitBody(ATTACHMENT_SEALED_CHUNK_BYTES));
  for (const path of ['/api/v1/challenge', '/api/v1/uploads', '/api/v1/receipts/*', '/api/v1/inbox', '/api/v1/inbox/*']) {
    app.use(path, limitBody(MAX_SMALL_BODY_BYTES));
  }
  app.route('/api/v1', submitApi(deps));
  app.use('/api/v1/team', limitBody(MAX_TEAM_BODY_BYTES));
  app.route('/api/v1/uploads', uploadApi(deps));
  app.route('/api/v1/inbox', editorApi(deps));
  app.route('/api/v1/team', teamApi(deps));
  app.all('/api/*', (c) => c.notFound());
  app.get('*', serveStatic(deps.site));
  app.notFound(notFound);
  app.onError(onError);
  answerHeadLikeGet(app);
  return app;
}

/** Hono answers HEAD by running GET and copying the answer, but that copy loses the headers
 * middleware set afterwards (the security headers). So HEAD is run as GET here and only the
 * body is dropped: a HEAD answer carries exactly the headers of the GET answer. The headers are
 * read before anything else: under @hono/node-server a response's other getters (statusText, for
 * one) rebuild it from its constructor's arguments and drop the headers set since
 * (test/server/headers-process.test.ts; app.request() uses another Response class). */
function answerHeadLikeGet(app: Hono): void {
  const dispatch = app.fetch;
  app.fetch = async (request, ...rest) => {
    if (request.method !== 'HEAD') return dispatch(request, ...rest);
    const response = await dispatch(new Request(request, { method: 'GET' }), ...rest);
    const headers = response.headers;
    return new Response(null, { status: response.status, headers });
  };
}
