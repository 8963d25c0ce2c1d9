// Attachment v1 layout (SECURITY.md §2 "Attachments"). An attachment is a cleaned image encrypted
// with a key of its own; the key, the media type and the exact length travel inside the story's
// envelope (the testimony document's `attachments`, crypto/testimony.ts), so only the editors can
// read or even size an attachment exactly, and a file cannot be moved to another story.
//
//   padded     = image ‖ zero bytes, to the Padmé size of max(length, 4096) (Nikitin et al.,
//                "Reducing Metadata Leakage from Encrypted Files and Communication with PURBs",
//                PETS 2019: at most 6.25 % overhead from 4 KiB up, and a size leaks O(log log n) bits)
//   chunks     = padded cut into 64 KiB pieces, the last one shorter
//   chunk i    = ChaCha20-Poly1305-IETF(key, nonce_i, piece i, no associated data)
//   nonce_i    = 11-byte big-endian i ‖ 0x01 for the last chunk, 0x00 otherwise
// This is the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár, CRYPTO 2015) exactly as the
// age v1 format uses it for its payload (C2SP age specification, "Payload"): chunks cannot be
// reordered, dropped or cut off at a chunk boundary without a decryption failing.
//
// This module holds no secret and opens nothing: the server uses it to check sizes.

import { b64uPattern } from './contract.ts';

/** Plaintext bytes per chunk. */
export const ATTACHMENT_CHUNK_BYTES = 64 * 1024;
export const ATTACHMENT_TAG_BYTES = 16;
/** A whole chunk as stored and sent: ciphertext ‖ tag. */
export const ATTACHMENT_SEALED_CHUNK_BYTES = ATTACHMENT_CHUNK_BYTES + ATTACHMENT_TAG_BYTES;
export const ATTACHMENT_KEY_BYTES = 32;
export const ATTACHMENT_NONCE_BYTES = 12;
/** A key in the testimony document: base64url without padding. */
export const ATTACHMENT_KEY_PATTERN = b64uPattern(ATTACHMENT_KEY_BYTES);
/** The smallest padded size: a tiny image is as large as a 4 KiB one. */
export const MIN_PADDED_ATTACHMENT_BYTES = 4096;
/** At most this many attachments per story… */
export const MAX_ATTACHMENTS = 3;
/** …of at most this many cleaned bytes together (docs/API.md, README "Attachments"). */
export const MAX_ATTACHMENT_TOTAL_BYTES = 10 * 1024 * 1024;
/** The most sealed bytes one story's attachments can take together: Padmé adds less than 1/16
 * to 4096 bytes and more, plus a 4096-byte minimum and a tag per chunk (held by attachment.test.ts).
 * The server refuses an upload above it. */
export const MAX_SEALED_UPLOAD_BYTES = 11 * 1024 * 1024;
/** The media types the page can clean (media/) and the CLI writes. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Padmé: keeps the top ⌊log2 E⌋ + 1 bits of the length (E = ⌊log2 length⌋) and rounds up. */
export function paddedAttachmentSize(length: number): number {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError('"length" expected a non-negative integer');
  if (length > MAX_ATTACHMENT_TOTAL_BYTES) throw new RangeError('attachment too large');
  const size = Math.max(length, MIN_PADDED_ATTACHMENT_BYTES);
  const exponent = Math.floor(Math.log2(size));
  const kept = Math.floor(Math.log2(exponent)) + 1;
  const step = 2 ** (exponent - kept);
  return Math.ceil(size / step) * step;
}

/** The number of chunks of a padded attachment. */
export function chunkCount(paddedBytes: number): number {
  return Math.ceil(paddedBytes / ATTACHMENT_CHUNK_BYTES);
}

/** Bytes on the wire and on disk for an image of `length` bytes. */
export function sealedAttachmentSize(length: number): number {
  const padded = paddedAttachmentSize(length);
  return padded + ATTACHMENT_TAG_BYTES * chunkCount(padded);
}

/** True when `sealedBytes` is the sealed size of some image within the limits: what the server
 * accepts to store, without knowing the image. */
export function isSealedAttachmentSize(sealedBytes: number): boolean {
  if (!Number.isSafeInteger(sealedBytes) || sealedBytes <= 0) return false;
  const chunks = Math.ceil(sealedBytes / ATTACHMENT_SEALED_CHUNK_BYTES);
  const padded = sealedBytes - ATTACHMENT_TAG_BYTES * chunks;
  return (
    padded >= MIN_PADDED_ATTACHMENT_BYTES &&
    padded <= paddedAttachmentSize(MAX_ATTACHMENT_TOTAL_BYTES) &&
    chunkCount(padded) === chunks &&
    paddedAttachmentSize(padded) === padded
  );
}

/** The sealed size of chunk `index` of an attachment of `sealedBytes` (0 past its end). */
export function sealedChunkSize(sealedBytes: number, index: number): number {
  const start = index * ATTACHMENT_SEALED_CHUNK_BYTES;
  return Math.max(0, Math.min(ATTACHMENT_SEALED_CHUNK_BYTES, sealedBytes - start));
}

/** The chunks of an attachment of `sealedBytes`, as stored. */
export function sealedChunkCount(sealedBytes: number): number {
  return Math.ceil(sealedBytes / ATTACHMENT_SEALED_CHUNK_BYTES);
}

/** nonce_i: the chunk's index, big-endian in 11 bytes, then the last-chunk flag. */
export function chunkNonce(index: number, last: boolean): Uint8Array {
  const nonce = new Uint8Array(ATTACHMENT_NONCE_BYTES);
  new DataView(nonce.buffer).setUint32(7, index, false);
  nonce[11] = last ? 1 : 0;
  return nonce;
}
