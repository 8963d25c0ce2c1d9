// Faults of the database under a real server process on PostgreSQL: when the connection to
// PostgreSQL is lost, submissions and receipts are answered 503 "busy" (never 201, never a crash
// or a stack), and once it is back the same server stores again and nothing answered 201 is lost.
// The server reaches PostgreSQL through a TCP relay that the test cuts and restores.

import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiError } from '../../crypto/contract.ts';
import { describePostgres, freshDatabase, TEST_DATABASE_URL } from '../support/postgres.ts';
import { envelopeFor, keyListOf, makeEditors, newReceipt, postJson, signed, submissionBody, tempDir, type Requester, type TestEditor } from '../support/server.ts';
import { startServer, type ServerProcess } from './server-process.ts';

/** A relay from a local TCP port to the test cluster's Unix socket, which can be cut and restored. */
async function relay(port = 0): Promise<{ port: number; cut: () => Promise<void> }> {
  const target = new URL(TEST_DATABASE_URL!);
  const socketPath = path.join(target.searchParams.get('host')!, `.s.PGSQL.${target.port || 5432}`);
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ path: socketPath });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describePostgres('a server on PostgreSQL when the database goes away', () => {
  const files = tempDir('sotto-pg-faults-');
  let database: { url: string; drop: () => Promise<void> };
  let server: ServerProcess;
  let editors: TestEditor[];
  let link: Awaited<ReturnType<typeof relay>>;

  beforeAll(async () => {
    database = await freshDatabase();
    link = await relay();
    const viaRelay = new URL(database.url);
    viaRelay.host = `127.0.0.1:${link.port}`;
    viaRelay.searchParams.delete('host');
    editors = makeEditors(1);
    const keyList = path.join(files.dir, 'editors.pub');
    writeFileSync(keyList, keyListOf(editors));
    server = await startServer({ SOTTO_DATA_DIR: files.dir, SOTTO_EDITORS: keyList, SOTTO_POW_DIFFICULTY: '1', SOTTO_DATABASE_URL: viaRelay.toString() });
  });

  afterAll(async () => {
    if (server && server.child.exitCode === null) await server.kill9();
    await link?.cut().catch(() => {});
    await database?.drop();
    files.remove();
  });

  it('answers 503 while it is unreachable, and stores again once it is back', async () => {
    const request: Requester = async (p, init) => fetch(new URL(p, server.url), init);
    const post = async (body: unknown) => {
      const response = await request('/api/v1/submissions', postJson(body));
      return { status: response.status, body: await response.json() };
    };
    const submit = async (story: string) => post(await submissionBody(request, envelopeFor(editors, story)));
    expect((await submit('before')).status).toBe(201);
    const solvedBefore = await submissionBody(request, envelopeFor(editors, 'during'));

    await link.cut();
    expect(await post(solvedBefore)).toEqual({ status: 503, body: apiError('busy').body });
    expect((await request('/api/v1/challenge', { method: 'POST' })).status).toBe(503); // it reads the quota
    const receipt = await request('/api/v1/receipts/status', postJson({ token: Buffer.from(newReceipt().token).toString('base64url'), action: 'status' }));
    expect(receipt.status).toBe(503);
    expect(server.child.exitCode).toBeNull();

    link = await relay(link.port);
    let after = await submit('after');
    for (let i = 0; i < 10 && after.status !== 201; i++) after = await submit('after'); // the pool reconnects
    expect(after.status).toBe(201);

    const inbox = await request('/api/v1/inbox', signed(editors[0]!, 'GET', '/api/v1/inbox'));
    expect(((await inbox.json()) as { items: unknown[] }).items).toHaveLength(2);
    expect(await server.stop()).toBe(0);
    expect(server.output()).not.toMatch(/error|ECONN|terminated|at /i);
  });
});
