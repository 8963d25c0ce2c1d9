// SOTTO_MAX_CONNECTIONS (SECURITY.md §5, "Connections"): beyond the cap the server closes new
// connections at once, so idle sockets cannot use up its file descriptors; once one of the held
// connections goes away, requests are served again. Against the real server process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyListOf, makeEditors } from '../support/server.ts';
import { holdOpen, sendRaw, type HeldConnection } from '../stress/_raw-http.ts';
import { startServer, type ServerProcess } from './server-process.ts';

const CAP = 8;
const CONFIG_REQUEST = 'GET /api/v1/config HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';

let server: ServerProcess;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sotto-connection-cap-'));
  writeFileSync(path.join(dir, 'editors.pub'), keyListOf(makeEditors(1)));
  server = await startServer({ SOTTO_DATA_DIR: path.join(dir, 'data'), SOTTO_EDITORS: path.join(dir, 'editors.pub'), SOTTO_MAX_CONNECTIONS: String(CAP) });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Until `ready()` or the deadline: the server sees a socket's connect and close a moment later. */
async function eventually(ready: () => Promise<boolean>, deadlineMs = 10_000): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (await ready()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('the connection cap', () => {
  it('closes connections beyond SOTTO_MAX_CONNECTIONS at once, and serves again when one is free', async () => {
    const held: HeldConnection[] = [];
    try {
      expect((await sendRaw(server.url, [CONFIG_REQUEST])).status).toBe(200);
      for (let i = 0; i < CAP; i++) held.push(holdOpen(server.url));

      const refused = await eventually(async () => {
        const answer = await sendRaw(server.url, [CONFIG_REQUEST], { waitMs: 3_000 });
        return answer.status === undefined && answer.closedByServer;
      });
      expect(refused, 'a connection beyond the cap was served').toBe(true);

      held.pop()!.close();
      const served = await eventually(async () => (await sendRaw(server.url, [CONFIG_REQUEST], { waitMs: 3_000 })).status === 200);
      expect(served, 'no request served after a held connection closed').toBe(true);

      // The held connections were left alone, and the server printed nothing about any of it.
      const stillOpen = await Promise.race([Promise.any(held.map((c) => c.closed)).then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 200))]);
      expect(stillOpen).toBe(true);
      expect(server.output().split('\n').filter((line) => line && !/^sotto: (\d+ editor|listening on)/.test(line))).toEqual([]);
    } finally {
      held.forEach((c) => c.close());
    }
  });
});
