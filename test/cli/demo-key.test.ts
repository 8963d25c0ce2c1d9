// The demo key the server makes (server/demo.ts, sealed with noble so that the server carries no
// libsodium) is one the CLI opens: the banner's own command, `pull` with passphrase "demo", reads
// a story sent to the demo server (dist/server.mjs, as `npm start` runs it).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePublicKeyLine } from '../../crypto/public-key.ts';
import { startServer, type ServerProcess } from '../server/server-process.ts';
import { ensureBuilt, makeSubmission, runCli, submitTo, tempDir } from './helpers.ts';

const temp = tempDir('sotto-demo-');
let server: ServerProcess;

beforeAll(async () => {
  ensureBuilt();
  server = await startServer({ SOTTO_DATA_DIR: path.join(temp.dir, 'data'), SOTTO_POW_DIFFICULTY: '4' }, { entry: 'dist' });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  temp.cleanup();
});

describe('the demo editor key', () => {
  it('is opened by the CLI with the passphrase the banner gives, and reads what was sent', async () => {
    const command = /SOTTO_PASSPHRASE=(\S+) npx sotto-review pull --server (\S+) --key (\S+)/.exec(server.output());
    expect(command, server.output()).not.toBeNull();
    const [, passphrase, url, keyFile] = command!;
    const keyList = readFileSync(path.join(temp.dir, 'data', 'demo', 'editors.pub'), 'utf8');
    const sent = makeSubmission([{ x25519: { publicKey: parsePublicKeyLine(keyList.trim()).x25519 } }], { story: 'Проверка демо-ключа.' });
    expect(await submitTo(url!, sent)).toBe(201);

    const env = { SOTTO_PASSPHRASE: passphrase!, SOTTO_VAULT: path.join(temp.dir, 'vault') };
    const pull = await runCli(['pull', '--server', url!, '--key', path.resolve(keyFile!)], { env });
    expect(pull.code, pull.stderr).toBe(0);
    const list = JSON.parse((await runCli(['list', '--json', '--key', path.resolve(keyFile!)], { env })).stdout) as { id: string }[];
    expect(list).toHaveLength(1);
    const shown = JSON.parse((await runCli(['show', list[0]!.id, '--json', '--key', path.resolve(keyFile!)], { env })).stdout) as { story: string };
    expect(shown.story).toBe('Проверка демо-ключа.');
  }, 120_000);
});
