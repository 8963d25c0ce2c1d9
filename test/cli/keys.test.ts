// keygen with the real KDF (once: about a second and 256 MiB), pubkey, passwd.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptIdentity } from '../../crypto/key-file.ts';
import { parsePublicKeyLine, fingerprint } from '../../crypto/public-key.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { ensureBuilt, makeEditor, PASSPHRASE, runCli, tempDir } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
beforeAll(() => {
  ensureBuilt();
  temp = tempDir();
});
afterAll(() => temp.cleanup());

describe('keys', () => {
  it('keygen writes a 0600 key and a .pub line, shows the fingerprint, and never overwrites', async () => {
    const keyFile = path.join(temp.dir, 'editor.key');
    const result = await runCli(['keygen', '--out', keyFile, '--label', 'Anna'], { env: { SOTTO_PASSPHRASE: PASSPHRASE }, offline: true });
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const line = readFileSync(`${keyFile}.pub`, 'utf8').trim();
    const key = parsePublicKeyLine(line);
    expect(key.label).toBe('Anna');
    expect(result.stdout).toContain(`Fingerprint: ${fingerprint(key)}`);
    const identity = decryptIdentity(await loadSodium(), readFileSync(keyFile, 'utf8'), PASSPHRASE);
    expect(identity.x25519.publicKey).toEqual(key.x25519);

    const pub = await runCli(['pubkey', '--key', keyFile], { offline: true });
    // the key file holds the bare key; the label lives in the .pub line
    expect(pub.stdout).toBe(`${line.split(" ")[0]}\nFingerprint: ${fingerprint(key)}\n`);

    const before = readFileSync(keyFile, 'utf8');
    const again = await runCli(['keygen', '--out', keyFile], { env: { SOTTO_PASSPHRASE: PASSPHRASE }, offline: true });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`sotto-review: ${keyFile} already exists; not overwriting it\n`);
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
  });

  it('keygen refuses a short passphrase and a missing one off a terminal, writing nothing', async () => {
    const keyFile = path.join(temp.dir, 'short.key');
    const short = await runCli(['keygen', '--out', keyFile], { env: { SOTTO_PASSPHRASE: 'short' }, offline: true });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 10 characters/);
    const none = await runCli(['keygen', '--out', keyFile], { offline: true });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no passphrase: run this in a terminal, set SOTTO_PASSPHRASE, or use --passphrase-file/);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('keygen makes a missing folder (0700) once the passphrase is set, and checks it before asking', async () => {
    const keyFile = path.join(temp.dir, 'fresh', 'sotto', 'editor.key');
    const short = await runCli(['keygen', '--out', keyFile], { env: { SOTTO_PASSPHRASE: 'short' }, offline: true });
    expect(short.code).toBe(1);
    expect(existsSync(path.join(temp.dir, 'fresh'))).toBe(false);
    const made = await runCli(['keygen', '--out', keyFile], { env: { SOTTO_PASSPHRASE: PASSPHRASE }, offline: true });
    expect(made.code, made.stderr).toBe(0);
    expect(statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    expect(existsSync(`${keyFile}.pub`)).toBe(true);

    // a file where a folder should be: refused before any passphrase is asked for (none is given)
    const blocked = path.join(temp.dir, 'not-a-folder');
    writeFileSync(blocked, '');
    const refused = await runCli(['keygen', '--out', path.join(blocked, 'editor.key')], { offline: true });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`sotto-review: cannot write ${path.join(blocked, 'editor.key')}: ${blocked} is not a folder\n`);
  });

  it('passwd re-encrypts under the new passphrase (read from a file); the old one stops working', async () => {
    const editor = await makeEditor(temp.dir, 'pw');
    const newFile = path.join(temp.dir, 'new-pass');
    writeFileSync(newFile, 'a much better passphrase\n');
    const result = await runCli(['passwd', '--key', editor.keyFile, '--new-passphrase-file', newFile], { env: { SOTTO_PASSPHRASE: PASSPHRASE }, offline: true });
    expect(result.code, result.stderr).toBe(0);
    const sodium = await loadSodium();
    const text = readFileSync(editor.keyFile, 'utf8');
    expect(decryptIdentity(sodium, text, 'a much better passphrase').x25519.secretKey).toEqual(editor.identity.x25519.secretKey);
    expect(() => decryptIdentity(sodium, text, PASSPHRASE)).toThrow(/wrong passphrase/);
    expect(statSync(editor.keyFile).mode & 0o777).toBe(0o600);
    const wrong = await runCli(['passwd', '--key', editor.keyFile], { env: { SOTTO_PASSPHRASE: PASSPHRASE, SOTTO_NEW_PASSPHRASE: 'whatever whatever' }, offline: true });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong passphrase/);
  });

  it('a file that is not a key is named as such', async () => {
    const notKey = path.join(temp.dir, 'notes.txt');
    writeFileSync(notKey, 'hello');
    const result = await runCli(['pubkey', '--key', notKey], { offline: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`sotto-review: ${notKey}: not a Sotto key file\n`);
  });
});
