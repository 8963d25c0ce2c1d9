// A fault-injecting front for the real server (test/browser/_harness.ts): it forwards every
// request to the server process unchanged, except when a test asks it to fail one. It holds no
// logic of the server's own: the page, the challenges and the storage are the real server's.
// Only the browser tests' failure cases use it (network down, 503, 413, 507, an expired
// challenge, a translation file that cannot be loaded).

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiError, type ApiErrorCode } from '../../crypto/contract.ts';

/** A forced error answer (the server's own shape, crypto/contract.ts) for the next POST /api/v1/submissions. */
export type Fault = ApiErrorCode;

export interface FaultProxy {
  origin: string;
  /** Answered, in order, instead of the next POST /api/v1/submissions (which never reaches the server). */
  faults: Fault[];
  /** While on, every API request has its connection dropped, as if the network were down. */
  setOffline(offline: boolean): void;
  /** 'drop': requests for translation files get their connection dropped; 'tamper': they are
   * answered with one byte changed (the page's integrity check must refuse them). */
  setTranslations(mode: 'pass' | 'drop' | 'tamper'): void;
  close(): Promise<void>;
}

const TRANSLATION = /^\/i18n\/[a-z]+\.json$/;

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const faults: Fault[] = [];
  let offline = false;
  let translations: 'pass' | 'drop' | 'tamper' = 'pass';

  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if ((offline && pathname.startsWith('/api/')) || (translations === 'drop' && TRANSLATION.test(pathname))) {
      req.socket.destroy();
      return;
    }
    const fault = req.method === 'POST' && pathname === '/api/v1/submissions' ? faults.shift() : undefined;
    if (fault) {
      // Read the body first, as a server does, so the browser sees an answer rather than a reset.
      req.resume();
      req.on('end', () => {
        const { status, body } = apiError(fault);
        res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify(body));
      });
      return;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (translations === 'tamper' && TRANSLATION.test(pathname)) {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            const body = Buffer.concat(chunks);
            // Change the first letter of the first text ({"pageTitle":"Sotto…): still a complete,
            // valid dictionary, only no longer the pinned bytes.
            const at = body.indexOf('":"') + 3;
            body[at] = body[at] === 0x58 ? 0x59 : 0x58;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(body);
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    faults,
    setOffline: (on) => void (offline = on),
    setTranslations: (mode) => void (translations = mode),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
