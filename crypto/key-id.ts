// Recipient key ids (SECURITY.md §2): BLAKE2b with an 8-byte output over the
// recipient's X25519 public key. Public, stable, and what the server matches envelopes against.

import { blake2b } from '@noble/hashes/blake2.js';
import { abytes, hexEncode } from './bytes.ts';

export const KEY_ID_BYTES = 8;

export function keyIdOf(x25519PublicKey: Uint8Array): Uint8Array {
  abytes(x25519PublicKey, 'x25519PublicKey', 32);
  return blake2b(x25519PublicKey, { dkLen: KEY_ID_BYTES });
}

export function keyIdHex(x25519PublicKey: Uint8Array): string {
  return hexEncode(keyIdOf(x25519PublicKey));
}
