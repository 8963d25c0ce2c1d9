import { beforeAll, describe, expect, it } from 'vitest';
import { KeyFileError } from './errors.ts';
import { generateIdentity, publicKeyLineOf, type Identity } from './identity.ts';
import { decryptIdentity, encryptIdentity, FAST_TEST_KDF, kdfParamsOfKeyFile, publicLineOfKeyFile } from './key-file.ts';
import { NOBLE_SEALER, encryptIdentityNoble } from './key-file-noble.ts';
import { loadSodium, type Sodium } from './sodium.ts';

let sodium: Sodium;
let identity: Identity;
let file: string;

beforeAll(async () => {
  sodium = await loadSodium();
  identity = generateIdentity();
  file = encryptIdentity(sodium, identity, 'correct horse battery', FAST_TEST_KDF);
});

const edit = (mutate: (json: Record<string, any>) => void) => {
  const json = JSON.parse(file);
  mutate(json);
  return JSON.stringify(json);
};

describe('key files', () => {
  it('unlock with the right passphrase and give back the same identity', () => {
    const back = decryptIdentity(sodium, file, 'correct horse battery');
    expect(back.x25519.secretKey).toEqual(identity.x25519.secretKey);
    expect(back.ed25519.secretKey).toEqual(identity.ed25519.secretKey);
    expect(publicLineOfKeyFile(file)).toBe(publicKeyLineOf(identity));
    expect(kdfParamsOfKeyFile(file)).toEqual(FAST_TEST_KDF);
  });

  it('treat a passphrase in any Unicode normal form alike', () => {
    const nfc = encryptIdentity(sodium, identity, 'пароль é', FAST_TEST_KDF);
    expect(() => decryptIdentity(sodium, nfc, 'пароль e\u0301')).not.toThrow();
  });

  it('never store the secrets in clear', () => {
    for (const secret of [identity.x25519.secretKey, identity.ed25519.secretKey]) {
      expect(file).not.toContain(Buffer.from(secret).toString('base64url'));
      expect(file).not.toContain(Buffer.from(secret).toString('hex'));
    }
  });

  it.each([
    ['a wrong passphrase', () => file, 'correct horse batterz', 'wrong passphrase'],
    ['an edited opsLimit', () => edit((j) => (j.kdf.opsLimit = 2)), 'correct horse battery', 'wrong passphrase'],
    ['an edited memory limit', () => edit((j) => (j.kdf.memLimitBytes *= 2)), 'correct horse battery', 'wrong passphrase'],
    ['a swapped public key', () => edit((j) => (j.publicKey = publicKeyLineOf(generateIdentity()))), 'correct horse battery', 'wrong passphrase'],
    ['a parameter out of bounds', () => edit((j) => (j.kdf.memLimitBytes = 2 ** 40)), 'correct horse battery', 'damaged key file'],
    // 2 and 4 GiB are what libsodium's WebAssembly cannot allocate (a TypeError before the cap).
    ['a 2 GiB memory limit', () => edit((j) => (j.kdf.memLimitBytes = 2 * 1024 ** 3)), 'correct horse battery', 'damaged key file'],
    ['a 4 GiB memory limit', () => edit((j) => (j.kdf.memLimitBytes = 4 * 1024 ** 3)), 'correct horse battery', 'damaged key file'],
    ['just over the cap', () => edit((j) => (j.kdf.memLimitBytes = 1024 ** 3 + 1024)), 'correct horse battery', 'damaged key file'],
    ['a missing field', () => edit((j) => delete j.nonce), 'correct horse battery', 'damaged key file'],
    ['a truncated file', () => file.slice(0, file.length / 2), 'correct horse battery', 'damaged key file'],
    ['a truncated ciphertext', () => edit((j) => (j.ciphertext = j.ciphertext.slice(0, -4))), 'correct horse battery', 'damaged key file'],
    ['a public key line', () => publicKeyLineOf(identity), 'correct horse battery', 'not a Sotto key file'],
    ['an empty file', () => '', 'correct horse battery', 'not a Sotto key file'],
    ['some other JSON', () => '{"hello": 1}', 'correct horse battery', 'not a Sotto key file'],
  ])('refuse %s with a clear error', (_name, make, passphrase, message) => {
    expect(() => decryptIdentity(sodium, make(), passphrase)).toThrow(KeyFileError);
    expect(() => decryptIdentity(sodium, make(), passphrase)).toThrow(message);
  });

  it('refuse an empty passphrase when encrypting', () => {
    expect(() => encryptIdentity(sodium, identity, '', FAST_TEST_KDF)).toThrow(RangeError);
  });
});

describe('key files sealed with noble (the server\'s demo key)', () => {
  it('derive the same Argon2id key as libsodium\'s crypto_pwhash', () => {
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
    for (const params of [FAST_TEST_KDF, { opsLimit: 2, memLimitBytes: 16 * 1024 * 1024 }]) {
      const secret = new TextEncoder().encode('пароль passphrase');
      const expected = sodium.crypto_pwhash(32, secret, salt, params.opsLimit, params.memLimitBytes, sodium.crypto_pwhash_ALG_ARGON2ID13);
      expect(NOBLE_SEALER.argon2id(secret, salt, params)).toEqual(expected);
    }
  });

  it('unlock with libsodium (as the CLI does) and give back the same identity', () => {
    const sealed = encryptIdentityNoble(identity, 'Correct Horse', FAST_TEST_KDF);
    const back = decryptIdentity(sodium, sealed, 'Correct Horse');
    expect(back.x25519.secretKey).toEqual(identity.x25519.secretKey);
    expect(back.ed25519.secretKey).toEqual(identity.ed25519.secretKey);
    expect(() => decryptIdentity(sodium, sealed, 'correct horse')).toThrow(KeyFileError);
    expect(publicLineOfKeyFile(sealed)).toBe(publicKeyLineOf(identity));
  });

  it('use a fresh salt and nonce each time', () => {
    const a = JSON.parse(encryptIdentityNoble(identity, 'x', FAST_TEST_KDF));
    const b = JSON.parse(encryptIdentityNoble(identity, 'x', FAST_TEST_KDF));
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.nonce).not.toBe(b.nonce);
  });
});
