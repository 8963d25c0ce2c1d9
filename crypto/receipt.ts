// Receipt codes (SECURITY.md §4). The submitter writes the code down; it is their only link to
// their story.
//
//   code   = 26 random symbols of Crockford's base32 (130 bits) ‖ 2 check symbols,
//            shown as 7 groups of 4: "7KQ2-M9XD-..."; on input, case, spaces and hyphens are
//            ignored and O→0, I/L→1 as Crockford specifies.
//   check  = Σ (i+1)·v[i] mod 1021 over the 26 data symbols, written as two symbols (hi, lo).
//            1021 is prime and larger than 26·31, so every single substitution and every swap
//            of two adjacent different symbols changes the sum: such typos are always caught.
//   ikm    = the 26 data symbols as ASCII.
//   token  = BLAKE2b-256(key ikm, message "sotto-receipt-v1 status-token")  — sent to ask
//   verifier = BLAKE2b-256(token)                                         — stored by the server
//   reply  = X25519 key pair from BLAKE2b-256(key ikm, message "sotto-receipt-v1 reply-x25519")
//            — public half goes inside the envelope so editors can later encrypt a reply.
// Keyed BLAKE2b (RFC 7693 §3.3, the key as a first padded block) is a PRF by design; it is
// libsodium's crypto_generichash with a key; the page already carries BLAKE2b for the sealed box, so receipts add no hash to its weight.
// The server sees only the verifier (and the token when asked); neither reveals the code.

import { x25519 } from './_x25519.ts';
import { blake2b } from '@noble/hashes/blake2.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { utf8Encode } from './bytes.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_SYMBOLS = 26;
const CHECK_MODULUS = 1021;
const TOKEN_LABEL = utf8Encode('sotto-receipt-v1 status-token');
const REPLY_LABEL = utf8Encode('sotto-receipt-v1 reply-x25519');

export interface ReceiptSecrets {
  /** Sent to the server to ask for the status or to withdraw. */
  token: Uint8Array;
  /** verifierOf(token): sent once with the submission, stored by the server. */
  verifier: Uint8Array;
  reply: { publicKey: Uint8Array; secretKey: Uint8Array };
}

function checksum(values: readonly number[]): number {
  let sum = 0;
  values.forEach((v, i) => (sum = (sum + (i + 1) * v) % CHECK_MODULUS));
  return sum;
}

function format(values: readonly number[]): string {
  const text = values.map((v) => ALPHABET[v]).join('');
  return text.match(/.{1,4}/g)!.join('-');
}

/** A fresh receipt code: 130 random bits plus a check. */
export function newReceiptCode(): string {
  // Rejection-free: 5 bits from each random byte keeps every symbol uniform.
  const values = Array.from(randomBytes(DATA_SYMBOLS), (b) => b & 31);
  const check = checksum(values);
  return format([...values, Math.floor(check / 32), check % 32]);
}

export type ReceiptParse =
  | { ok: true; code: string; ikm: Uint8Array }
  | { ok: false; reason: 'length' | 'character' | 'checksum' };

/** Reads a code as a person typed it. Never throws. */
export function parseReceiptCode(input: string): ReceiptParse {
  const compact = String(input).toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const values: number[] = [];
  for (const ch of compact) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return { ok: false, reason: 'character' };
    values.push(v);
  }
  if (values.length !== DATA_SYMBOLS + 2) return { ok: false, reason: 'length' };
  const data = values.slice(0, DATA_SYMBOLS);
  if (checksum(data) !== values[DATA_SYMBOLS]! * 32 + values[DATA_SYMBOLS + 1]!) return { ok: false, reason: 'checksum' };
  return { ok: true, code: format(values), ikm: utf8Encode(compact.slice(0, DATA_SYMBOLS)) };
}

/** What the server stores for a token, and computes from one it is asked with. */
export function verifierOf(token: Uint8Array): Uint8Array {
  return blake2b(token, { dkLen: 32 });
}

/** Derives the status token, its verifier and the reply key pair from a parsed code. */
export function deriveReceipt(ikm: Uint8Array): ReceiptSecrets {
  const token = blake2b(TOKEN_LABEL, { key: ikm, dkLen: 32 });
  const secretKey = blake2b(REPLY_LABEL, { key: ikm, dkLen: 32 });
  return { token, verifier: verifierOf(token), reply: { publicKey: x25519.getPublicKey(secretKey), secretKey } };
}
