// Editor secret key files (SECURITY.md §3): the format, and sealing an identity into it. The
// secrets are stored only passphrase-encrypted:
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
//
// The pull-only key file (SECURITY.md §3 "Pull-only key") has the same shape with format
// "sotto-pull-key", header label "sotto-pull-key-v1" and only the Ed25519 seed (32 bytes) inside:
// it signs requests to the server and transfer files, and can never open an envelope.
//
// Nothing here decrypts: the server makes its demo key with this module and
// key-file-noble.ts without carrying the opener (crypto/key-file.ts, libsodium).

import * as z from 'zod/mini';
import { b64uEncode, concatBytes, utf8Encode, wipe } from './bytes.ts';
import { b64uPattern } from './contract.ts';
import { KeyFileError } from './errors.ts';
import { publicKeyLineOf, type Identity } from './identity.ts';
import { parsePublicKeyLine } from './public-key.ts';

export interface KdfParams {
  opsLimit: number;
  memLimitBytes: number;
}

/** About one second and 256 MiB with libsodium on a 2-core machine (Argon2id t=3, 256 MiB: 0.92 s measured). */
export const DEFAULT_KDF: KdfParams = { opsLimit: 3, memLimitBytes: 256 * 1024 * 1024 };
/** For tests only: unlocks in milliseconds. Never use it for a real key. */
export const FAST_TEST_KDF: KdfParams = { opsLimit: 1, memLimitBytes: 8 * 1024 * 1024 };

/** The two kinds of key file: the full secret key, and the pull-only key (signing half only). */
export const KEY_FILE_FORMATS = {
  'sotto-secret-key': { label: 'sotto-secret-key-v1', secretBytes: 64 },
  'sotto-pull-key': { label: 'sotto-pull-key-v1', secretBytes: 32 },
} as const;
export type KeyFileFormat = keyof typeof KEY_FILE_FORMATS;
const ALGORITHM = 'argon2id13';
const CIPHER = 'xchacha20poly1305-ietf';
// Bounds keep an edited file from asking for absurd work (a denial of service on unlock), and
// stay inside what libsodium's WebAssembly memory can allocate: from 2 GiB on, crypto_pwhash
// fails with a TypeError instead of an answer (SECURITY.md §3 documents the bound).
const MIN_OPS = 1;
const MAX_OPS = 20;
const MIN_MEM = 8 * 1024 * 1024;
export const MAX_KDF_MEMORY_BYTES = 1024 * 1024 * 1024;
const SALT_BYTES = 16;
const NONCE_BYTES = 24;

const b64u = (bytes: number) => z.string().check(z.regex(b64uPattern(bytes)));

const keyFileSchema = (format: KeyFileFormat) => z.strictObject({
  format: z.literal(format),
  version: z.literal(1),
  publicKey: z.string(),
  kdf: z.strictObject({
    algorithm: z.literal(ALGORITHM),
    opsLimit: z.number().check(z.int(), z.gte(MIN_OPS), z.lte(MAX_OPS)),
    memLimitBytes: z.number().check(z.int(), z.gte(MIN_MEM), z.lte(MAX_KDF_MEMORY_BYTES)),
    salt: b64u(SALT_BYTES),
  }),
  cipher: z.literal(CIPHER),
  nonce: b64u(NONCE_BYTES),
  ciphertext: b64u(KEY_FILE_FORMATS[format].secretBytes + 16),
});
const SCHEMAS = { 'sotto-secret-key': keyFileSchema('sotto-secret-key'), 'sotto-pull-key': keyFileSchema('sotto-pull-key') };
export type KeyFile = z.infer<ReturnType<typeof keyFileSchema>>;

/** The AEAD's associated data: every field but the ciphertext, under the format's label. */
export function keyFileHeader(file: Omit<KeyFile, 'ciphertext'>): Uint8Array {
  const { format, publicKey, kdf, nonce } = file;
  return utf8Encode(
    [KEY_FILE_FORMATS[format as KeyFileFormat].label, publicKey, kdf.algorithm, kdf.opsLimit, kdf.memLimitBytes, kdf.salt, nonce].join('\n'),
  );
}

/** The primitives a key file is sealed with: libsodium (key-file.ts) or noble (key-file-noble.ts),
 * cross-checked in key-file.test.ts. */
export interface KeyFileSealer {
  randomBytes(length: number): Uint8Array;
  /** Argon2id version 0x13, parallelism 1 (libsodium's crypto_pwhash), 32 bytes out. */
  argon2id(secret: Uint8Array, salt: Uint8Array, params: KdfParams): Uint8Array;
  /** XChaCha20-Poly1305-IETF, ciphertext ‖ tag. */
  xchacha20poly1305Encrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
}

/** Derives the file key from the passphrase; the caller wipes it. */
export function passphraseKey(argon2id: KeyFileSealer['argon2id'], passphrase: string, salt: Uint8Array, params: KdfParams): Uint8Array {
  const secret = utf8Encode(passphrase.normalize('NFC'));
  try {
    return argon2id(secret, salt, params);
  } finally {
    wipe(secret);
  }
}

function sealSecrets(sealer: KeyFileSealer, format: KeyFileFormat, identity: Identity, secrets: Uint8Array, passphrase: string, params: KdfParams): string {
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw new RangeError('passphrase must not be empty');
  if (params.opsLimit < MIN_OPS || params.opsLimit > MAX_OPS || params.memLimitBytes < MIN_MEM || params.memLimitBytes > MAX_KDF_MEMORY_BYTES) {
    throw new RangeError('KDF parameters out of range');
  }
  const salt = sealer.randomBytes(SALT_BYTES);
  const nonce = sealer.randomBytes(NONCE_BYTES);
  const head = {
    format,
    version: 1,
    publicKey: publicKeyLineOf(identity),
    kdf: { algorithm: ALGORITHM, opsLimit: params.opsLimit, memLimitBytes: params.memLimitBytes, salt: b64uEncode(salt) },
    cipher: CIPHER,
    nonce: b64uEncode(nonce),
  } as const;
  const key = passphraseKey(sealer.argon2id, passphrase, salt, params);
  try {
    const ciphertext = sealer.xchacha20poly1305Encrypt(key, nonce, secrets, keyFileHeader(head));
    return `${JSON.stringify({ ...head, ciphertext: b64uEncode(ciphertext) }, null, 2)}\n`;
  } finally {
    wipe(key);
  }
}

/** Encrypts an identity under a passphrase and returns the key file's text. Salt and nonce are
 * made here. Throws RangeError for an empty passphrase or parameters outside the bounds. */
export function sealKeyFile(sealer: KeyFileSealer, identity: Identity, passphrase: string, params: KdfParams = DEFAULT_KDF): string {
  const secrets = concatBytes(identity.x25519.secretKey, identity.ed25519.secretKey);
  try {
    return sealSecrets(sealer, 'sotto-secret-key', identity, secrets, passphrase, params);
  } finally {
    wipe(secrets);
  }
}

/** The pull-only key file of an identity: its public line and only the Ed25519 seed. */
export function sealPullKeyFile(sealer: KeyFileSealer, identity: Identity, passphrase: string, params: KdfParams = DEFAULT_KDF): string {
  return sealSecrets(sealer, 'sotto-pull-key', identity, identity.ed25519.secretKey, passphrase, params);
}

/** The key file's fields, checked. Throws KeyFileError. */
export function parseKeyFile(text: string): KeyFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new KeyFileError(text.trimStart().startsWith('{') ? 'damaged key file' : 'not a Sotto key file');
  }
  const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
  if (format !== 'sotto-secret-key' && format !== 'sotto-pull-key') throw new KeyFileError('not a Sotto key file');
  const parsed = SCHEMAS[format].safeParse(value);
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

/** True for a pull-only key file (no passphrase needed to tell). */
export function isPullKeyFile(text: string): boolean {
  return parseKeyFile(text).format === 'sotto-pull-key';
}
