// Issue 7 §3, slow clients (slowloris). Connections that trickle their headers, or declare a body
// and trickle it, are answered 408 and closed once the header or request timeout passes
// (SOTTO_HEADERS_TIMEOUT_S / SOTTO_REQUEST_TIMEOUT_S, set low here; server/main.ts). Meanwhile
// ordinary clients are served, and afterwards the server is alive, quiet and accepting.
import { describe, expect, it } from 'vitest';
import { envelopeFor } from '../support/server.ts';
import { holdOpen, type HeldConnection } from './_raw-http.ts';
import { postSubmission, prepareSubmission, startStressServer } from './_support.ts';

const SLOW_HEADERS = 60;
const SLOW_BODIES = 40;
const IDLE = 20;
/** Timeouts plus Node's once-a-second check, with room for a loaded CI machine. */
const CLOSE_WITHIN_MS = 25_000;

describe('slow clients', () => {
  it('times out trickled headers and bodies, and serves everyone else meanwhile', async () => {
    const stress = await startStressServer({ editorCount: 1, env: { SOTTO_HEADERS_TIMEOUT_S: '2', SOTTO_REQUEST_TIMEOUT_S: '4' } });
    const held: HeldConnection[] = [];
    const timers: NodeJS.Timeout[] = [];
    try {
      const url = stress.server.url;
      const trickle = (connection: HeldConnection, lines: () => string, everyMs: number) => {
        timers.push(setInterval(() => connection.write(lines()), everyMs));
      };
      for (let i = 0; i < SLOW_HEADERS; i++) {
        const c = holdOpen(url);
        c.write('GET /api/v1/config HTTP/1.1\r\nHost: x\r\n');
        let n = 0;
        trickle(c, () => `X-Slow-${n++}: ${'a'.repeat(10)}\r\n`, 300);
        held.push(c);
      }
      for (let i = 0; i < SLOW_BODIES; i++) {
        const c = holdOpen(url);
        c.write('POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n{"envelope":"');
        trickle(c, () => 'AAAA', 300);
        held.push(c);
      }
      for (let i = 0; i < IDLE; i++) held.push(holdOpen(url)); // connect and say nothing

      const started = Date.now();
      // Ordinary clients, while every slow connection is open.
      for (let i = 0; i < 20; i++) {
        const response = await fetch(`${url}/api/v1/config`);
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
      for (let i = 0; i < 5; i++) {
        const item = await prepareSubmission(url, envelopeFor(stress.editors, `served meanwhile ${i}`));
        expect(await postSubmission(url, item.body)).toBe(201);
      }

      const outcomes = await Promise.race([
        Promise.all(held.map((c) => c.closed)),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), CLOSE_WITHIN_MS)),
      ]);
      expect(outcomes, 'slow connections still open after the timeouts').not.toBe('timeout');
      if (outcomes === 'timeout') return;
      process.stdout.write(`slowloris: ${held.length} slow connections closed by the server within ${Date.now() - started} ms\n`);
      expect(outcomes.every((o) => o.byServer)).toBe(true);
      // Trickled requests are told why (Node answers 408 before closing).
      expect(outcomes.slice(0, SLOW_HEADERS + SLOW_BODIES).filter((o) => /^HTTP\/1\.1 408/.test(o.data)).length).toBeGreaterThan((SLOW_HEADERS + SLOW_BODIES) / 2);

      expect(stress.server.child.exitCode).toBeNull();
      const after = await prepareSubmission(url, envelopeFor(stress.editors, 'after the slow clients'));
      expect(await postSubmission(url, after.body)).toBe(201);
      expect(await stress.stop()).toBe(0);
      expect(stress.printed().split('\n').filter((l) => l && !/^sotto: (\d+ editor|listening on|SIGTERM|stopped)/.test(l))).toEqual([]);
    } finally {
      timers.forEach(clearInterval);
      held.forEach((c) => c.close());
      await stress.remove();
    }
  });
});
