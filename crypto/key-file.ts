// Editor secret key files with libsodium (SECURITY.md §3; the format: crypto/key-file-format.ts):
// sealing for the reviewer CLI's keygen and passwd, and unlocking, which only the CLI does.

import { b64uDecode, wipe } from './bytes.ts';
import { KeyFileError } from './errors.ts';
import { identityFromSecrets, publicKeyLineOf, wipeIdentity, type Identity } from './identity.ts';
import { DEFAULT_KDF, keyFileHeader, parseKeyFile, passphraseKey, sealKeyFile, type KdfParams, type KeyFileSealer } from './key-file-format.ts';
import { parsePublicKeyLine } from './public-key.ts';
import type { Sodium } from './sodium.ts';

export { DEFAULT_KDF, FAST_TEST_KDF, kdfParamsOfKeyFile, publicLineOfKeyFile, type KdfParams } from './key-file-format.ts';

function sodiumSealer(sodium: Sodium): KeyFileSealer {
  return {
    randomBytes: (length) => sodium.randombytes_buf(length),
    argon2id: (secret, salt, params) =>
      sodium.crypto_pwhash(32, secret, salt, params.opsLimit, params.memLimitBytes, sodium.crypto_pwhash_ALG_ARGON2ID13),
    xchacha20poly1305Encrypt: (key, nonce, plaintext, aad) =>
      sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, aad, null, nonce, key),
  };
}

/** Encrypts an identity under a passphrase and returns the key file's text. Salt and nonce are
 * made here. Throws RangeError for an empty passphrase or parameters outside the bounds. */
export function encryptIdentity(sodium: Sodium, identity: Identity, passphrase: string, params: KdfParams = DEFAULT_KDF): string {
  return sealKeyFile(sodiumSealer(sodium), identity, passphrase, params);
}

/**
 * Unlocks a key file. Throws KeyFileError: 'not a Sotto key file' (not ours at all),
 * 'damaged key file' (truncated, malformed, parameters out of bounds, secrets that do not match
 * the public line) or 'wrong passphrase (or the key file was altered)' (authentication failed).
 */
export function decryptIdentity(sodium: Sodium, text: string, passphrase: string): Identity {
  const file = parseKeyFile(text);
  const salt = b64uDecode(file.kdf.salt);
  const key = passphraseKey(sodiumSealer(sodium).argon2id, passphrase, salt, file.kdf);
  let secrets: Uint8Array;
  try {
    secrets = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, b64uDecode(file.ciphertext), keyFileHeader(file), b64uDecode(file.nonce), key);
  } catch {
    throw new KeyFileError('wrong passphrase (or the key file was altered)');
  } finally {
    wipe(key);
  }
  const identity = identityFromSecrets(secrets.slice(0, 32), secrets.slice(32, 64));
  wipe(secrets);
  let expected: string;
  try {
    expected = parsePublicKeyLine(file.publicKey).line.split(' ')[0]!;
  } catch {
    wipeIdentity(identity);
    throw new KeyFileError('damaged key file');
  }
  if (publicKeyLineOf(identity) !== expected) {
    wipeIdentity(identity);
    throw new KeyFileError('damaged key file');
  }
  return identity;
}
