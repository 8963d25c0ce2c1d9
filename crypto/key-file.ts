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
//
// The pull-only key file (SECURITY.md §3 "Pull-only key") has the same shape with format
// "sotto-pull-key", header label "sotto-pull-key-v1" and only the Ed25519 seed (32 bytes) inside:
// it signs requests to the server and transfer files, and can never open an envelope.

import * as z from 'zod/mini';
import { ed25519 } from '@noble/curves/ed25519.js';
import { b64uDecode, b64uEncode, concatBytes, equalBytes, utf8Encode, wipe } from './bytes.ts';
import { b64uPattern } from './contract.ts';
import { KeyFileError } from './errors.ts';
import { identityFromSecrets, publicKeyLineOf, wipeIdentity, type Identity } from './identity.ts';
import { parsePublicKeyLine, type EditorPublicKey } from './public-key.ts';
import type { Sodium } from './sodium.ts';

/** The signing half of an editor key, from a full or a pull-only key file. */
export interface SigningKey {
  publicKey: EditorPublicKey;
  /** The 32-byte Ed25519 seed (RFC 8032 §5.1.5). Wipe it when done. */
  ed25519Seed: Uint8Array;
  pullOnly: boolean;
}

export interface KdfParams {
  opsLimit: number;
  memLimitBytes: number;
}

/** About one second and 256 MiB on a 2-core machine (Argon2id t=3, 256 MiB: 0.92 s measured). */
export const DEFAULT_KDF: KdfParams = { opsLimit: 3, memLimitBytes: 256 * 1024 * 1024 };
/** For tests only: unlocks in milliseconds. Never use it for a real key. */
export const FAST_TEST_KDF: KdfParams = { opsLimit: 1, memLimitBytes: 8 * 1024 * 1024 };

const FORMATS = {
  'sotto-secret-key': { label: 'sotto-secret-key-v1', secretBytes: 64 },
  'sotto-pull-key': { label: 'sotto-pull-key-v1', secretBytes: 32 },
} as const;
type Format = keyof typeof FORMATS;
const FORMAT: Format = 'sotto-secret-key';
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

const b64u = (bytes: number) => z.string().check(z.regex(b64uPattern(bytes)));

const keyFileSchema = (format: Format) => z.strictObject({
  format: z.literal(format),
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
  ciphertext: b64u(FORMATS[format].secretBytes + 16),
});
const SCHEMAS = { 'sotto-secret-key': keyFileSchema('sotto-secret-key'), 'sotto-pull-key': keyFileSchema('sotto-pull-key') };
type KeyFile = z.infer<ReturnType<typeof keyFileSchema>>;

function header(file: Omit<KeyFile, 'ciphertext'>): Uint8Array {
  const { format, publicKey, kdf, nonce } = file;
  return utf8Encode(
    [FORMATS[format as Format].label, publicKey, kdf.algorithm, kdf.opsLimit, kdf.memLimitBytes, kdf.salt, nonce].join('\n'),
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

function encryptSecrets(sodium: Sodium, format: Format, publicLine: string, secrets: Uint8Array, passphrase: string, params: KdfParams): string {
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw new RangeError('passphrase must not be empty');
  if (params.opsLimit < MIN_OPS || params.opsLimit > MAX_OPS || params.memLimitBytes < MIN_MEM || params.memLimitBytes > MAX_MEM) {
    throw new RangeError('KDF parameters out of range');
  }
  const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const head = {
    format,
    version: 1,
    publicKey: publicLine,
    kdf: { algorithm: ALGORITHM, opsLimit: params.opsLimit, memLimitBytes: params.memLimitBytes, salt: b64uEncode(salt) },
    cipher: CIPHER,
    nonce: b64uEncode(nonce),
  } as const;
  const key = deriveKey(sodium, passphrase, salt, params);
  try {
    const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(secrets, header(head), null, nonce, key);
    return `${JSON.stringify({ ...head, ciphertext: b64uEncode(ciphertext) }, null, 2)}\n`;
  } finally {
    wipe(key);
  }
}

/** Encrypts an identity under a passphrase and returns the key file's text. Salt and nonce are
 * made here. Throws RangeError for an empty passphrase or parameters outside the bounds. */
export function encryptIdentity(sodium: Sodium, identity: Identity, passphrase: string, params: KdfParams = DEFAULT_KDF): string {
  const secrets = concatBytes(identity.x25519.secretKey, identity.ed25519.secretKey);
  try {
    return encryptSecrets(sodium, FORMAT, publicKeyLineOf(identity), secrets, passphrase, params);
  } finally {
    wipe(secrets);
  }
}

/** The pull-only key file of an identity: its public line and only the Ed25519 seed. */
export function encryptPullKey(sodium: Sodium, identity: Identity, passphrase: string, params: KdfParams = DEFAULT_KDF): string {
  return encryptSecrets(sodium, 'sotto-pull-key', publicKeyLineOf(identity), identity.ed25519.secretKey, passphrase, params);
}

function parseKeyFile(text: string): KeyFile {
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

/**
 * Unlocks a key file. Throws KeyFileError: 'not a Sotto key file' (not ours at all),
 * 'damaged key file' (truncated, malformed, parameters out of bounds, secrets that do not match
 * the public line) or 'wrong passphrase (or the key file was altered)' (authentication failed).
 */
export function decryptIdentity(sodium: Sodium, text: string, passphrase: string): Identity {
  const file = parseKeyFile(text);
  if (file.format !== FORMAT) throw new KeyFileError('this is a pull-only key: it can pull and push statuses but never open a story; use your full secret key');
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
  const secrets = decryptSecrets(sodium, file, passphrase);
  const seed = secrets.slice(file.format === FORMAT ? 32 : 0, file.format === FORMAT ? 64 : 32);
  wipe(secrets);
  const publicKey = parsePublicKeyLine(expectedLine(file));
  if (!equalBytes(ed25519.getPublicKey(seed), publicKey.ed25519)) {
    wipe(seed);
    throw new KeyFileError('damaged key file');
  }
  return { publicKey, ed25519Seed: seed, pullOnly: file.format !== FORMAT };
}

function decryptSecrets(sodium: Sodium, file: KeyFile, passphrase: string): Uint8Array {
  const salt = b64uDecode(file.kdf.salt);
  const key = deriveKey(sodium, passphrase, salt, file.kdf);
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, b64uDecode(file.ciphertext), header(file), b64uDecode(file.nonce), key);
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

/** The signing half of an unlocked identity (it shares the identity's seed: wipe one, not both). */
export function signingKeyOf(identity: Identity): SigningKey {
  return { publicKey: parsePublicKeyLine(publicKeyLineOf(identity)), ed25519Seed: identity.ed25519.secretKey, pullOnly: false };
}

/** True for a pull-only key file (no passphrase needed to tell). */
export function isPullKeyFile(text: string): boolean {
  return parseKeyFile(text).format === 'sotto-pull-key';
}
