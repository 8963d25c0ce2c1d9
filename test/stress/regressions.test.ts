// Fast regression tests (in `npm test`) for the server bugs the stress suite found:
//  - a full disk met outside the submission path (a withdrawal, an acknowledgement) answered 500
//    "internal error" instead of 507 "storage full" (server/errors.ts);
//  - slow clients could hold a connection for Node's defaults (60 s for headers, 300 s for a
//    request): server/main.ts now sets shorter ones, and config.ts takes the knobs the slowloris
//    stress test uses.
import { describe, expect, it } from 'vitest';
import { b64uEncode } from '../../crypto/bytes.ts';
import { apiError } from '../../crypto/contract.ts';
import { loadConfig } from '../../server/config.ts';
import { StoreFullError } from '../../server/store.ts';
import { createTestServer, envelopeFor, newReceipt, postJson, signed, submissionBody } from '../support/server.ts';

const diskFull = async (): Promise<never> => {
  throw new StoreFullError();
};

describe('a full disk on any write path', () => {
  it('answers 507 storage full for a withdrawal and an acknowledgement, not 500', async () => {
    const server = createTestServer({ editors: 1 });
    try {
      const receipt = newReceipt();
      const body = await submissionBody(server.request, envelopeFor(server.editors, 'a story'), receipt);
      expect((await server.request('/api/v1/submissions', postJson(body))).status).toBe(201);
      server.store.withdraw = diskFull;
      server.store.acknowledge = diskFull;
      const withdraw = await server.request('/api/v1/receipts/status', postJson({ token: b64uEncode(receipt.token), action: 'withdraw' }));
      expect(withdraw.status).toBe(507);
      expect(await withdraw.json()).toEqual(apiError('storage_full').body);
      const nowS = server.clock.ms / 1000;
      const ack = await server.request('/api/v1/inbox/ack', signed(server.editors[0]!, 'POST', '/api/v1/inbox/ack', { ids: [b64uEncode(new Uint8Array(16))] }, nowS));
      expect(ack.status).toBe(507);
      expect(await ack.json()).toEqual(apiError('storage_full').body);
    } finally {
      await server.close();
    }
  });

  it('still answers 500 internal error, with no detail, for other failures', async () => {
    const server = createTestServer({ editors: 1 });
    try {
      server.store.withdraw = async () => {
        throw Object.assign(new Error('secret detail'), { code: 'SQLITE_IOERR' });
      };
      const answer = await server.request('/api/v1/receipts/status', postJson({ token: b64uEncode(new Uint8Array(32)), action: 'withdraw' }));
      expect(answer.status).toBe(500);
      expect(await answer.json()).toEqual(apiError('internal').body);
    } finally {
      await server.close();
    }
  });
});

describe('slow-client timeouts', () => {
  it('are configurable for tests and validated like every other variable', () => {
    expect(loadConfig({ SOTTO_HEADERS_TIMEOUT_S: '2', SOTTO_REQUEST_TIMEOUT_S: '4' })).toMatchObject({ ok: true, config: { SOTTO_HEADERS_TIMEOUT_S: 2, SOTTO_REQUEST_TIMEOUT_S: 4 } });
    for (const [name, value] of [['SOTTO_HEADERS_TIMEOUT_S', '0'], ['SOTTO_REQUEST_TIMEOUT_S', 'x']] as const) {
      const result = loadConfig({ [name]: value });
      expect(result.ok).toBe(false);
    }
  });
});

describe('a tampered vault cannot write to the editor terminal', () => {
  it('list and error lines show ids and days from the vault escaped', async () => {
    const { default: Database } = await import('better-sqlite3');
    const path = await import('node:path');
    const { ensureBuilt, fillVault, makeEditor, makeSubmission, runCli, tempDir } = await import('../cli/helpers.ts');
    ensureBuilt();
    const temp = tempDir('sotto-regress-');
    try {
      const anna = await makeEditor(temp.dir, 'anna');
      await fillVault(anna, [makeSubmission([anna.identity], { story: 'a story' }), { envelope: new Uint8Array(5000) }]);
      const db = new Database(path.join(anna.env.SOTTO_VAULT, 'vault.db'));
      db.prepare("UPDATE stories SET id = '\u001b[2J' || id, day = '\u001b]52;c;eA==\u0007'").run();
      db.close();
      const list = await runCli(['list'], { env: anna.env, offline: true });
      // The authenticated vault refuses the altered record, naming it: escaped, on one line.
      expect(list.code).toBe(1);
      expect(list.stdout + list.stderr).not.toContain('\u001b');
      expect(list.stderr).toMatch(/^sotto-review: story \\u\{1b\}\[2J\S+: its vault record was altered outside sotto-review[^\n]+\n$/);
    } finally {
      temp.cleanup();
    }
  });
});
