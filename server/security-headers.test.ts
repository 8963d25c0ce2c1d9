import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError } from '../crypto/contract.ts';
import { SECURITY_HEADERS } from './security-headers.ts';
import { loadStaticSite } from './static-site.ts';
import { createTestServer, envelopeFor, postJson, submissionBody, tempDir, type TestServer } from '../test/support/server.ts';

let server: TestServer;
const site = tempDir('sotto-site-');
const secretDir = tempDir('sotto-secret-');

beforeAll(() => {
  writeFileSync(path.join(site.dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(site.dir, 'app.js'), 'export {};');
  writeFileSync(path.join(site.dir, '.hidden.txt'), 'hidden');
  mkdirSync(path.join(site.dir, 'assets'));
  writeFileSync(path.join(site.dir, 'assets', 'style.css'), 'body{}');
  writeFileSync(path.join(secretDir.dir, 'secret.txt'), 'outside the site');
  symlinkSync(path.join(secretDir.dir, 'secret.txt'), path.join(site.dir, 'linked.txt'));
  server = createTestServer({ editors: 1, site: loadStaticSite(site.dir), maxEnvelopeBytes: 8192 });
});
afterAll(async () => {
  await server.close();
  site.remove();
  secretDir.remove();
});

function expectSecurityHeaders(response: Response): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
  for (const name of ['server', 'x-powered-by', 'etag', 'set-cookie', 'last-modified']) expect(response.headers.get(name), name).toBeNull();
  const csp = response.headers.get('content-security-policy')!;
  for (const directive of ["default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain('unsafe');
}

describe('security headers on every status class', () => {
  it.each([
    ['200 static', 200, () => server.request('/')],
    ['200 api', 200, () => server.request('/api/v1/config')],
    ['400', 400, () => server.request('/api/v1/submissions', postJson({}))],
    ['401', 401, () => server.request('/api/v1/inbox')],
    ['403', 403, () => server.request('/api/v1/submissions', postJson({ envelope: 'AAAA', challenge: 'x.y', nonce: '0', receiptVerifier: 'A'.repeat(43) }))],
    ['404', 404, () => server.request('/nothing-here')],
    ['404 api', 404, () => server.request('/api/v1/nothing', { method: 'POST' })],
    ['413', 413, () => server.request('/api/v1/challenge', { method: 'POST', body: 'x'.repeat(100_000) })],
    ['HEAD 200 static', 200, () => server.request('/', { method: 'HEAD' })],
    ['HEAD 404', 404, () => server.request('/nothing-here', { method: 'HEAD' })],
  ])('%s', async (_, status, send) => {
    const response = await send();
    expect(response.status).toBe(status);
    expectSecurityHeaders(response);
  });

  it('201', async () => {
    const body = await submissionBody(server.request, envelopeFor(server.editors, 'x'));
    const response = await server.request('/api/v1/submissions', postJson(body));
    expect(response.status).toBe(201);
    expectSecurityHeaders(response);
  });

  it('500, with a short JSON body and no stack', async () => {
    const broken = createTestServer({ editors: 1 });
    await broken.store.close(); // every query now throws inside the handler
    try {
      const response = await broken.request('/api/v1/receipts/status', postJson({ token: 'A'.repeat(43), action: 'status' }));
      expect(response.status).toBe(500);
      expectSecurityHeaders(response);
      expect(await response.json()).toEqual(apiError('internal').body);
    } finally {
      await broken.close();
    }
  });
});

describe('static site', () => {
  it('serves files with their content type', async () => {
    const index = await server.request('/');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>t</title>');
    expect((await server.request('/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await server.request('/assets/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/linked.txt', '/.hidden.txt', '/assets/%2e%2e%2fapp.js', '//etc/passwd'])(
    'never serves %s',
    async (p) => {
      const response = await server.request(p);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('outside the site');
    },
  );
});
