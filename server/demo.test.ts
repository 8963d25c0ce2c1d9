import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptIdentity } from '../crypto/key-file.ts';
import { publicKeyLineOf } from '../crypto/identity.ts';
import { loadSodium } from '../crypto/sodium.ts';
import { DEMO_PASSPHRASE, demoBanner, ensureDemoEditor } from './demo.ts';
import { tempDir } from '../test/support/server.ts';

const data = tempDir();
afterAll(() => data.remove());

describe('demo mode', () => {
  it('creates a key unlockable with "demo" and its key list once, then reuses them', async () => {
    const first = ensureDemoEditor(data.dir);
    expect(first.created).toBe(true);
    expect(first.keyFile).toBe(path.join(data.dir, 'demo', 'editor.key'));
    expect(statSync(first.keyFile).mode & 0o777).toBe(0o600);
    const keyText = readFileSync(first.keyFile, 'utf8');
    const identity = decryptIdentity(await loadSodium(), keyText, DEMO_PASSPHRASE);
    expect(readFileSync(first.keyListFile, 'utf8')).toBe(`${publicKeyLineOf(identity)}\n`);

    const again = ensureDemoEditor(data.dir);
    expect(again.created).toBe(false);
    expect(readFileSync(again.keyFile, 'utf8')).toBe(keyText);

    const banner = demoBanner(again, 'http://127.0.0.1:8787');
    expect(banner).toContain('DEMO MODE');
    expect(banner).toContain(`SOTTO_PASSPHRASE=demo npx sotto-review pull --server http://127.0.0.1:8787 --key ${again.keyFile}`);
  });
});
