// Editor secret key files (SECURITY.md §3). The secrets are stored only passphrase-encrypted:
//
//   key = Argon2id13(passphrase NFC-normalised as UTF-8, salt 16 random bytes, opsLimit, memLimit)
//   ciphertext = XChaCha20-Poly1305-IETF(key, nonce 24 random bytes,
//                  x25519 secret (32) ‖ ed25519 seed (32), aad = header)
//   header = "sotto-secret-key-v1\n" + publicKey + "\n" + algorithm + "\n" + opsLimit + "\n"
//            + memLimitBytes + "\n" + salt + "\n" + nonce
//
// The file is JSON holding the public line in clear (so `pubkey` needs no passphrase) and the KDF
// parameters (so they can be raised later by `passwd`). The header is the AEAD's associated data:
// editing any parameter or the public line makes unlocking fail, exactly like a wrong passphrase.

import * as z from 'zod/mini';
import { b64uDecode, b64uEncode, concatBytes, utf8Encode, wipe } from './bytes.ts';
import { KeyFileError } from './errors.ts';
import { identityFromSecrets, publicKeyLineOf, wipeIdentity, type Identity } from './identity.ts';
import { parsePublicKeyLine } from './public-key.ts';
import type { Sodium } from './sodium.ts';

export interface KdfParams {
  opsLimit: number;
  memLimitBytes: number;
}

/** About one second and 256 MiB here (FACTS.md: Argon2id t=3, 256 MiB → 0.92 s). */
export const DEFAULT_KDF: KdfParams = { opsLimit: 3, memLimitBytes: 256 * 1024 * 1024 };
/** For tests only: unlocks in milliseconds. Never use it for a real key. */
export const FAST_TEST_KDF: KdfParams = { opsLimit: 1, memLimitBytes: 8 * 1024 * 1024 };

const FORMAT = 'sotto-secret-key';
const ALGORITHM = 'argon2id13';
const CIPHER = 'xchacha20poly1305-ietf';
// Bounds keep an edited file from asking for absurd work (a denial of service on unlock), and
// stay inside what libsodium's WebAssembly memory can allocate: from 2 GiB on, crypto_pwhash
// fails with a TypeError instead of an answer (SECURITY.md §3 documents the bound).
const MIN_OPS = 1;
const MAX_OPS = 20;
const MIN_MEM = 8 * 1024 * 1024;
export const MAX_KDF_MEMORY_BYTES = 1024 * 1024 * 1024;
const MAX_MEM = MAX_KDF_MEMORY_BYTES;

const b64u = (bytes: number) => z.string().check(z.regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`)));

const KeyFileSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  publicKey: z.string(),
  kdf: z.strictObject({
    algorithm: z.literal(ALGORITHM),
    opsLimit: z.number().check(z.int(), z.gte(MIN_OPS), z.lte(MAX_OPS)),
    memLimitBytes: z.number().check(z.int(), z.gte(MIN_MEM), z.lte(MAX_MEM)),
    salt: b64u(16),
  }),
  cipher: z.literal(CIPHER),
  nonce: b64u(24),
  ciphertext: b64u(64 + 16),
});
type KeyFile = z.infer<typeof KeyFileSchema>;

function header(file: Omit<KeyFile, 'ciphertext'>): Uint8Array {
  const { publicKey, kdf, nonce } = file;
  return utf8Encode(
    ['sotto-secret-key-v1', publicKey, kdf.algorithm, kdf.opsLimit, kdf.memLimitBytes, kdf.salt, nonce].join('\n'),
  );
}

function deriveKey(sodium: Sodium, passphrase: string, salt: Uint8Array, params: KdfParams): Uint8Array {
  const secret = utf8Encode(passphrase.normalize('NFC'));
  try {
    return sodium.crypto_pwhash(
      32, secret, salt, params.opsLimit, params.memLimitBytes, sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
  } finally {
    wipe(secret);
  }
}

/** Encrypts an identity under a passphrase and returns the key file's text. Salt and nonce are
 * made here. Throws RangeError for an empty passphrase or parameters outside the bounds. */
export function encryptIdentity(sodium: Sodium, identity: Identity, passphrase: string, params: KdfParams = DEFAULT_KDF): string {
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw new RangeError('passphrase must not be empty');
  if (params.opsLimit < MIN_OPS || params.opsLimit > MAX_OPS || params.memLimitBytes < MIN_MEM || params.memLimitBytes > MAX_MEM) {
    throw new RangeError('KDF parameters out of range');
  }
  const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const head = {
    format: FORMAT,
    version: 1,
    publicKey: publicKeyLineOf(identity),
    kdf: { algorithm: ALGORITHM, opsLimit: params.opsLimit, memLimitBytes: params.memLimitBytes, salt: b64uEncode(salt) },
    cipher: CIPHER,
    nonce: b64uEncode(nonce),
  } as const;
  const key = deriveKey(sodium, passphrase, salt, params);
  const secrets = concatBytes(identity.x25519.secretKey, identity.ed25519.secretKey);
  try {
    const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(secrets, header(head), null, nonce, key);
    return `${JSON.stringify({ ...head, ciphertext: b64uEncode(ciphertext) }, null, 2)}\n`;
  } finally {
    wipe(key, secrets);
  }
}

function parseKeyFile(text: string): KeyFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new KeyFileError(text.trimStart().startsWith('{') ? 'damaged key file' : 'not a Sotto key file');
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== FORMAT) {
    throw new KeyFileError('not a Sotto key file');
  }
  const parsed = KeyFileSchema.safeParse(value);
  if (!parsed.success) throw new KeyFileError('damaged key file');
  return parsed.data;
}

/** The public line stored in clear in a key file. Throws KeyFileError. */
export function publicLineOfKeyFile(text: string): string {
  const file = parseKeyFile(text);
  try {
    return parsePublicKeyLine(file.publicKey).line;
  } catch {
    throw new KeyFileError('damaged key file');
  }
}

/** The KDF parameters a key file was written with (for `passwd` to report or raise). */
export function kdfParamsOfKeyFile(text: string): KdfParams {
  const { opsLimit, memLimitBytes } = parseKeyFile(text).kdf;
  return { opsLimit, memLimitBytes };
}

/**
 * Unlocks a key file. Throws KeyFileError: 'not a Sotto key file' (not ours at all),
 * 'damaged key file' (truncated, malformed, parameters out of bounds, secrets that do not match
 * the public line) or 'wrong passphrase (or the key file was altered)' (authentication failed).
 */
export function decryptIdentity(sodium: Sodium, text: string, passphrase: string): Identity {
  const file = parseKeyFile(text);
  const salt = b64uDecode(file.kdf.salt);
  const key = deriveKey(sodium, passphrase, salt, file.kdf);
  let secrets: Uint8Array;
  try {
    secrets = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, b64uDecode(file.ciphertext), header(file), b64uDecode(file.nonce), key);
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
