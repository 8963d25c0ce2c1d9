// Envelope v1 layout (SECURITY.md §2). Big-endian integers.
//
//   magic    4 bytes   "STO1"
//   n        1 byte    number of recipients, 1..17 (up to 16 editors, plus the author's reply key
//                      on a story message: crypto/message.ts)
//   n times: keyId 8 bytes ‖ wrapped 80 bytes (crypto_box_seal of the 32-byte content key)
//   nonce    24 bytes
//   body     rest      XChaCha20-Poly1305-IETF(contentKey, nonce, padded, aad = all bytes before body)
//
// This module only reads structure; it holds no secret and opens nothing, so the server may use it.

import { equalBytes, hexEncode } from './bytes.ts';
import { MAX_EDITORS } from './contract.ts';
import { FormatError } from './errors.ts';
import { KEY_ID_BYTES, keyIdOf } from './key-id.ts';
import { MAX_PADDED_BYTES, isValidPaddedSize, paddedSize } from './pad.ts';

export const MAGIC = new Uint8Array([0x53, 0x54, 0x4f, 0x31]); // "STO1"
export const MIN_RECIPIENTS = 1;
export const MAX_RECIPIENTS = MAX_EDITORS + 1;
/** crypto_box_seal output for a 32-byte message: ephemeral pk (32) ‖ MAC (16) ‖ ciphertext (32). */
export const WRAPPED_KEY_BYTES = 80;
export const RECIPIENT_BYTES = KEY_ID_BYTES + WRAPPED_KEY_BYTES;
export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1;

export interface EnvelopeRecipient {
  keyId: Uint8Array;
  wrapped: Uint8Array;
}

export interface ParsedEnvelope {
  recipients: EnvelopeRecipient[];
  nonce: Uint8Array;
  /** Every byte before the body: the AEAD's associated data. */
  aad: Uint8Array;
  /** Ciphertext ‖ tag of the padded payload. */
  body: Uint8Array;
}

/** Size in bytes of the envelope for a payload of `payloadLength` bytes and `recipients` recipients. */
export function envelopeSizeFor(payloadLength: number, recipients: number): number {
  return HEADER_BYTES + recipients * RECIPIENT_BYTES + NONCE_BYTES + paddedSize(payloadLength) + TAG_BYTES;
}

/** The largest valid envelope for `recipients` recipients. */
export function maxEnvelopeBytes(recipients: number = MAX_EDITORS): number {
  return HEADER_BYTES + recipients * RECIPIENT_BYTES + NONCE_BYTES + MAX_PADDED_BYTES + TAG_BYTES;
}

/**
 * Splits an envelope into its parts (views into `bytes`, not copies). Throws FormatError naming
 * the structural fault: wrong magic, recipient count outside 1..17, duplicate key ids, a body
 * whose size is not a padding bucket plus the tag. It never looks inside ciphertext.
 */
export function parseEnvelope(bytes: Uint8Array): ParsedEnvelope {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('"envelope" expected Uint8Array');
  if (bytes.length < HEADER_BYTES) throw new FormatError('envelope too short');
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new FormatError('not a Sotto envelope (wrong magic)');
  }
  const count = bytes[MAGIC.length]!;
  if (count < MIN_RECIPIENTS || count > MAX_RECIPIENTS) throw new FormatError('recipient count out of range');
  const bodyStart = HEADER_BYTES + count * RECIPIENT_BYTES + NONCE_BYTES;
  if (bytes.length < bodyStart + TAG_BYTES) throw new FormatError('envelope too short');
  if (!isValidPaddedSize(bytes.length - bodyStart - TAG_BYTES)) throw new FormatError('invalid body size');

  const recipients: EnvelopeRecipient[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const offset = HEADER_BYTES + i * RECIPIENT_BYTES;
    const keyId = bytes.subarray(offset, offset + KEY_ID_BYTES);
    const id = hexEncode(keyId);
    if (seen.has(id)) throw new FormatError('duplicate recipient');
    seen.add(id);
    recipients.push({ keyId, wrapped: bytes.subarray(offset + KEY_ID_BYTES, offset + RECIPIENT_BYTES) });
  }
  return {
    recipients,
    nonce: bytes.subarray(bodyStart - NONCE_BYTES, bodyStart),
    aad: bytes.subarray(0, bodyStart),
    body: bytes.subarray(bodyStart),
  };
}

/** The content key wrapped for `x25519PublicKey` (found by key id), or undefined if this key is
 * not a recipient. Shared by both openers. */
export function wrappedKeyFor(envelope: ParsedEnvelope, x25519PublicKey: Uint8Array): Uint8Array | undefined {
  const keyId = keyIdOf(x25519PublicKey);
  return envelope.recipients.find((r) => equalBytes(r.keyId, keyId))?.wrapped;
}

export type EnvelopeCheck = { ok: true; envelope: ParsedEnvelope } | { ok: false; reason: string };

/**
 * What the server checks before storing (it can never open an envelope): the structure, a size
 * within `maxEnvelopeBytes`, and a recipient set equal to the configured editors' key ids (hex),
 * so that every editor can read every stored story. Never throws on bad input.
 */
export function checkEnvelope(
  bytes: Uint8Array,
  options: { editorKeyIds: ReadonlySet<string>; maxEnvelopeBytes: number },
): EnvelopeCheck {
  if (bytes.length > options.maxEnvelopeBytes) return { ok: false, reason: 'envelope too large' };
  let envelope: ParsedEnvelope;
  try {
    envelope = parseEnvelope(bytes);
  } catch (error) {
    if (error instanceof FormatError) return { ok: false, reason: error.message };
    throw error;
  }
  if (envelope.recipients.length !== options.editorKeyIds.size) {
    return { ok: false, reason: 'recipients do not match the editors' };
  }
  for (const r of envelope.recipients) {
    if (!options.editorKeyIds.has(hexEncode(r.keyId))) return { ok: false, reason: 'recipients do not match the editors' };
  }
  return { ok: true, envelope };
}
