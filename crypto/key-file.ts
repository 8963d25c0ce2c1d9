// Editor key files with libsodium (SECURITY.md §3; the format: crypto/key-file-format.ts):
// sealing for the reviewer CLI's keygen, passwd and pull-only keys, and unlocking, which only the
// CLI does.

import { ed25519 } from '@noble/curves/ed25519.js';
import { b64uDecode, equalBytes, wipe } from './bytes.ts';
import { KeyFileError } from './errors.ts';
import { identityFromSecrets, publicKeyLineOf, wipeIdentity, type Identity } from './identity.ts';
import {
  DEFAULT_KDF, keyFileHeader, parseKeyFile, passphraseKey, sealKeyFile, sealPullKeyFile, type KdfParams, type KeyFile, type KeyFileSealer,
} from './key-file-format.ts';
import { parsePublicKeyLine, type EditorPublicKey } from './public-key.ts';
import type { Sodium } from './sodium.ts';

export {
  DEFAULT_KDF, FAST_TEST_KDF, MAX_KDF_MEMORY_BYTES, isPullKeyFile, kdfParamsOfKeyFile, publicLineOfKeyFile, type KdfParams,
} from './key-file-format.ts';

/** The signing half of an editor key, from a full or a pull-only key file. */
export interface SigningKey {
  publicKey: EditorPublicKey;
  /** The 32-byte Ed25519 seed (RFC 8032 §5.1.5). Wipe it when done. */
  ed25519Seed: Uint8Array;
  pullOnly: boolean;
}

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

/** The pull-only key file of an identity: its public line and only the Ed25519 seed. */
export function encryptPullKey(sodium: Sodium, identity: Identity, passphrase: string, params: KdfParams = DEFAULT_KDF): string {
  return sealPullKeyFile(sodiumSealer(sodium), identity, passphrase, params);
}

function decryptSecrets(sodium: Sodium, file: KeyFile, passphrase: string): Uint8Array {
  const key = passphraseKey(sodiumSealer(sodium).argon2id, passphrase, b64uDecode(file.kdf.salt), file.kdf);
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, b64uDecode(file.ciphertext), keyFileHeader(file), b64uDecode(file.nonce), key);
  } catch {
    throw new KeyFileError('wrong passphrase (or the key file was altered)');
  } finally {
    wipe(key);
  }
}

/** The public line (without label) the secrets inside must match. */
function expectedLine(file: KeyFile): string {
  try {
    return parsePublicKeyLine(file.publicKey).line.split(' ')[0]!;
  } catch {
    throw new KeyFileError('damaged key file');
  }
}

/**
 * Unlocks a key file. Throws KeyFileError: 'not a Sotto key file' (not ours at all),
 * 'damaged key file' (truncated, malformed, parameters out of bounds, secrets that do not match
 * the public line), 'wrong passphrase (or the key file was altered)' (authentication failed), or
 * a pull-only key, which holds nothing that opens a story.
 */
export function decryptIdentity(sodium: Sodium, text: string, passphrase: string): Identity {
  const file = parseKeyFile(text);
  if (file.format !== 'sotto-secret-key') throw new KeyFileError('this is a pull-only key: it can pull and push statuses but never open a story; use your full secret key');
  const secrets = decryptSecrets(sodium, file, passphrase);
  const identity = identityFromSecrets(secrets.slice(0, 32), secrets.slice(32, 64));
  wipe(secrets);
  if (publicKeyLineOf(identity) !== expectedLine(file)) {
    wipeIdentity(identity);
    throw new KeyFileError('damaged key file');
  }
  return identity;
}

/** The signing half of a key file of either kind: what `pull`, `status push` and
 * `export-inbox` need. Throws KeyFileError as decryptIdentity does. */
export function decryptSigningKey(sodium: Sodium, text: string, passphrase: string): SigningKey {
  const file = parseKeyFile(text);
  const full = file.format === 'sotto-secret-key';
  const secrets = decryptSecrets(sodium, file, passphrase);
  const seed = secrets.slice(full ? 32 : 0, full ? 64 : 32);
  wipe(secrets);
  const publicKey = parsePublicKeyLine(expectedLine(file));
  if (!equalBytes(ed25519.getPublicKey(seed), publicKey.ed25519)) {
    wipe(seed);
    throw new KeyFileError('damaged key file');
  }
  return { publicKey, ed25519Seed: seed, pullOnly: !full };
}

/** The signing half of an unlocked identity (it shares the identity's seed: wipe one, not both). */
export function signingKeyOf(identity: Identity): SigningKey {
  return { publicKey: parsePublicKeyLine(publicKeyLineOf(identity)), ed25519Seed: identity.ed25519.secretKey, pullOnly: false };
}
