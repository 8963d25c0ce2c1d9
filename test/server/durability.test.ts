// Durability (SECURITY.md §5): concurrent submissions while the server is killed with SIGKILL;
// after a restart, every submission that was answered 201 is there, byte for byte. Also: the
// challenges issued before the restart are refused, so the lost replay set reopens nothing.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { b64uDecode, b64uEncode } from '../../crypto/bytes.ts';
import { apiError } from '../../crypto/contract.ts';
import { solveChallenge } from '../../crypto/pow.ts';
import { envelopeFor, keyListOf, makeEditors, newReceipt, postJson, signed, tempDir } from '../support/server.ts';
import { startServer, type ServerProcess } from './server-process.ts';

const TOTAL = 400;
const CONCURRENCY = 32;
const KILL_AFTER_CREATED = 120;

const data = tempDir('sotto-durability-');
const keys = tempDir('sotto-durability-keys-');
afterAll(() => {
  data.remove();
  keys.remove();
});

describe('durability under kill -9', () => {
  it('keeps every submission it answered 201 to, intact', async () => {
    const editors = makeEditors(1);
    const keyList = path.join(keys.dir, 'editors.pub');
    writeFileSync(keyList, keyListOf(editors));
    const env = { SOTTO_DATA_DIR: data.dir, SOTTO_EDITORS: keyList, SOTTO_POW_DIFFICULTY: '4' };
    let server: ServerProcess = await startServer(env);

    // Everything is prepared before the load, so the kill lands mid-commit, not mid-solve.
    const bodies = await Promise.all(
      Array.from({ length: TOTAL }, async (_, i) => {
        const envelope = envelopeFor(editors, `story ${i} ${'x'.repeat(10_000)}`);
        const response = await fetch(`${server.url}/api/v1/challenge`, postJson({ envelopeBytes: envelope.length }));
        const { challenge, difficulty } = (await response.json()) as { challenge: string; difficulty: number };
        const receipt = newReceipt();
        const body = JSON.stringify({ envelope: b64uEncode(envelope), challenge, nonce: solveChallenge(challenge, difficulty), receiptVerifier: b64uEncode(receipt.verifier) });
        return { body, envelope, receipt };
      }),
    );

    const created: typeof bodies = [];
    let next = 0;
    let killed: Promise<void> | undefined;
    const worker = async () => {
      while (next < TOTAL) {
        const item = bodies[next++]!;
        try {
          const response = await fetch(`${server.url}/api/v1/submissions`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: item.body,
          });
          if (response.status === 201) created.push(item);
          if (created.length >= KILL_AFTER_CREATED && !killed) killed = server.kill9();
        } catch {
          // The connection died with the server: this one was never acknowledged.
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await killed;
    expect(killed).toBeDefined();
    expect(created.length).toBeGreaterThanOrEqual(KILL_AFTER_CREATED);
    expect(created.length).toBeLessThan(TOTAL); // the kill really interrupted the load

    server = await startServer(env);
    try {
      const stored = new Map<string, Buffer>();
      let query = '?limit=100';
      for (;;) {
        const pathAndQuery = `/api/v1/inbox${query}`;
        const response = await fetch(`${server.url}${pathAndQuery}`, signed(editors[0]!, 'GET', pathAndQuery));
        expect(response.status).toBe(200);
        const page = (await response.json()) as { items: { envelope: string }[]; next: string | null };
        for (const item of page.items) stored.set(item.envelope.slice(0, 200), Buffer.from(b64uDecode(item.envelope)));
        if (!page.next) break;
        query = `?limit=100&after=${page.next}`;
      }
      for (const item of created) {
        const found = stored.get(b64uEncode(item.envelope).slice(0, 200));
        expect(found?.equals(item.envelope)).toBe(true);
        const status = await fetch(`${server.url}/api/v1/receipts/status`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ token: b64uEncode(item.receipt.token), action: 'status' }),
        });
        expect(await status.json()).toMatchObject({ status: 'received' });
      }

      // A solved challenge from before the restart is refused, not replayable.
      const leftover = bodies[TOTAL - 1]!;
      const again = await fetch(`${server.url}/api/v1/submissions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: leftover.body });
      expect(again.status).toBe(403);
      expect(await again.json()).toEqual(apiError('challenge_expired').body);
    } finally {
      await server.stop();
    }
  });
});
