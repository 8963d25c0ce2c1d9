// Sealing an editor key file with noble (format: crypto/key-file-format.ts), for the server's demo
// key (server/demo.ts): the server must not load libsodium or anything that unlocks a key file.
// Interoperable with libsodium (key-file.test.ts: the same Argon2id output, and libsodium opens
// what this seals). Pure-JavaScript Argon2id is about 4× slower than libsodium's.

import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { argon2id } from '@noble/hashes/argon2.js';
import type { Identity } from './identity.ts';
import { DEFAULT_KDF, sealKeyFile, type KdfParams, type KeyFileSealer } from './key-file-format.ts';

export const NOBLE_SEALER: KeyFileSealer = {
  randomBytes,
  // libsodium's memLimit is in bytes, Argon2's m in KiB; crypto_pwhash uses one lane, version 0x13.
  argon2id: (secret, salt, params) => argon2id(secret, salt, { t: params.opsLimit, m: params.memLimitBytes / 1024, p: 1, dkLen: 32, version: 0x13 }),
  xchacha20poly1305Encrypt: (key, nonce, plaintext, aad) => xchacha20poly1305(key, nonce, aad).encrypt(plaintext),
};

/** Encrypts an identity under a passphrase and returns the key file's text (as encryptIdentity
 * in key-file.ts does with libsodium). */
export function encryptIdentityNoble(identity: Identity, passphrase: string, params: KdfParams = DEFAULT_KDF): string {
  return sealKeyFile(NOBLE_SEALER, identity, passphrase, params);
}
