// Encrypted vault backups (SECURITY.md §6 "Backups"). The plaintext is a consistent copy of the
// vault file (Vault.snapshot), itself only ciphertext, ids and dates; the backup adds a layer so a
// backup alone shows nothing, not even how many stories there are beyond its size:
//
//   "STVB" ‖ version 0x01 ‖ owner key id (8 bytes) ‖ secretstream header (24 bytes)
//   ‖ chunks: crypto_secretstream_xchacha20poly1305_push(64 KiB of the copy, ad, tag)
//
// The key is the vault's backup key (vault-keys.ts, derived from the X25519 secret key). The first
// chunk's associated data is every byte before it, so the owner cannot be edited; the last chunk
// carries TAG_FINAL, so a backup cut short is refused rather than restored in part.

import { concatBytes, hexDecode, hexEncode } from '../crypto/bytes.ts';
import type { Sodium } from '../crypto/sodium.ts';
import { CliError } from './errors.ts';

const MAGIC = new Uint8Array([0x53, 0x54, 0x56, 0x42]); // "STVB"
const VERSION = 1;
const CHUNK = 64 * 1024;
const OWNER_BYTES = 8;

/** The backup's bytes, chunk by chunk, through `w`. */
export function writeBackup(sodium: Sodium, key: Uint8Array, ownerKeyIdHex: string, snapshot: Uint8Array, w: (chunk: Uint8Array) => void): void {
  const prefix = concatBytes(MAGIC, new Uint8Array([VERSION]), hexDecode(ownerKeyIdHex));
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  w(prefix);
  w(header);
  const ad = concatBytes(prefix, header);
  for (let offset = 0; offset === 0 || offset < snapshot.length; offset += CHUNK) {
    const end = Math.min(offset + CHUNK, snapshot.length);
    const tag = end === snapshot.length
      ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
      : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    w(sodium.crypto_secretstream_xchacha20poly1305_push(state, snapshot.subarray(offset, end), offset === 0 ? ad : null, tag));
  }
}

/** The key id of the editor whose vault a backup holds (readable without the key). */
export function backupOwner(bytes: Uint8Array): string {
  if (bytes.length < MAGIC.length + 1 + OWNER_BYTES || !MAGIC.every((b, i) => bytes[i] === b)) throw new CliError('not a Sotto vault backup');
  if (bytes[MAGIC.length] !== VERSION) throw new CliError('a vault backup of a version this sotto-review does not know');
  return hexEncode(bytes.subarray(MAGIC.length + 1, MAGIC.length + 1 + OWNER_BYTES));
}

/** The vault file inside a backup. Throws CliError, one message for every cause, when it does
 * not decrypt completely. */
export function readBackup(sodium: Sodium, key: Uint8Array, bytes: Uint8Array): Uint8Array {
  backupOwner(bytes);
  const prefixLength = MAGIC.length + 1 + OWNER_BYTES;
  const headerLength = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  const chunkLength = CHUNK + sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
  const fail = (): never => {
    throw new CliError('the backup could not be opened (it is damaged, cut short, or was made with another key)');
  };
  if (bytes.length < prefixLength + headerLength) fail();
  const header = bytes.subarray(prefixLength, prefixLength + headerLength);
  const ad = bytes.slice(0, prefixLength + headerLength);
  const parts: Uint8Array[] = [];
  try {
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
    let offset = prefixLength + headerLength;
    for (let first = true; ; first = false) {
      if (offset >= bytes.length) fail();
      const end = Math.min(offset + chunkLength, bytes.length);
      const result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, bytes.subarray(offset, end), first ? ad : null);
      if (!result) return fail();
      parts.push(result.message);
      offset = end;
      if (result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
        if (offset !== bytes.length) fail();
        break;
      }
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    fail();
  }
  return concatBytes(...parts);
}
