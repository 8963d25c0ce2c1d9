// Raw HTTP/1.1 over a socket: bytes exactly as written (lying Content-Length, broken chunking,
// garbage request lines, trickled headers), which fetch and node:http refuse to send.

import http from 'node:http';
import net from 'node:net';

export interface RawAnswer {
  /** Status of the first response, or undefined if the server closed without answering. */
  status?: number;
  head: string;
  body: string;
  /** The server closed the connection (rather than our timeout ending the wait). */
  closedByServer: boolean;
  /** Every status line seen (pipelined requests get several). */
  statuses: number[];
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** Sends `parts` (with `gapMs` between them), half-closes if `end`, and collects the answer
 * until the server closes or `waitMs` passes. */
export function sendRaw(url: string, parts: readonly (string | Uint8Array)[], options: { gapMs?: number; waitMs?: number; end?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(portOf(url), '127.0.0.1');
    const chunks: Buffer[] = [];
    let closedByServer = false;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
      const split = text.indexOf('\r\n\r\n');
      resolve({ status: statuses[0], head: split < 0 ? text : text.slice(0, split), body: split < 0 ? '' : text.slice(split + 4), closedByServer, statuses });
    };
    const timer = setTimeout(finish, options.waitMs ?? 5_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      closedByServer = true;
      finish();
    });
    socket.on('close', () => {
      closedByServer = true;
      finish();
    });
    socket.on('error', () => {
      closedByServer = true;
      finish();
    });
    socket.once('connect', async () => {
      for (const [i, part] of parts.entries()) {
        if (finished || socket.destroyed) return;
        if (i > 0 && options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
        if (finished || socket.destroyed) return;
        socket.write(part);
      }
      if (options.end) socket.end();
    });
  });
}

/** A connection kept open until `close()`, reporting when (and whether) the server closed it. */
export interface HeldConnection {
  write: (data: string | Uint8Array) => void;
  close: () => void;
  /** Resolves when the socket closes: `byServer` unless close() came first. */
  closed: Promise<{ byServer: boolean; data: string }>;
}

export function holdOpen(url: string): HeldConnection {
  const socket = net.connect(portOf(url), '127.0.0.1');
  let data = '';
  let byUs = false;
  socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
  socket.on('error', () => {});
  const closed = new Promise<{ byServer: boolean; data: string }>((resolve) => socket.on('close', () => resolve({ byServer: !byUs, data })));
  return {
    write: (chunk) => {
      if (!socket.destroyed) socket.write(chunk);
    },
    close: () => {
      byUs = true;
      socket.destroy();
    },
    closed,
  };
}

/** fetch() over node:http with a fresh connection per request (no keep-alive): a server that
 * closes after refusing an unread body cannot break the next request on a reused socket. */
export function freshFetch(base: string): (pathAndQuery: string, init?: RequestInit) => Promise<Response> {
  return (pathAndQuery, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const headers = new Headers(init.headers);
      const body = init.body === undefined || init.body === null ? undefined : typeof init.body === 'string' ? Buffer.from(init.body) : Buffer.from(init.body as Uint8Array);
      const request = http.request(new URL(`${base}${pathAndQuery}`), { method: init.method ?? 'GET', headers: Object.fromEntries(headers), agent: false, timeout: 15_000 }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
          const payload = status === 204 || status === 304 || (init.method ?? 'GET') === 'HEAD' ? null : Buffer.concat(chunks);
          resolve(new Response(payload, { status, headers: responseHeaders }));
        });
      });
      request.on('timeout', () => request.destroy(new Error('no answer within 15 s')));
      request.on('error', reject);
      request.end(body);
    });
}
