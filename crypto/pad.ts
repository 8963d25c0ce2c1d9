// Padding of the testimony payload before encryption (SECURITY.md §2).
// padded = u32be(L) ‖ payload (L bytes) ‖ zero bytes; total = next power of two ≥ 4 + L, and at
// least 4096. Power-of-two buckets leak at most log2 of the size, never the exact length.

import { FormatError } from './errors.ts';

const LENGTH_PREFIX = 4;
export const MIN_PADDED_BYTES = 4096;
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** The largest padded size: 4 + 1 MiB rounds up to 2 MiB. */
export const MAX_PADDED_BYTES = paddedSize(MAX_PAYLOAD_BYTES);

/** Padded size for a payload of `payloadLength` bytes. Throws RangeError above the maximum. */
export function paddedSize(payloadLength: number): number {
  if (!Number.isSafeInteger(payloadLength) || payloadLength < 0) {
    throw new RangeError('"payloadLength" expected a non-negative integer');
  }
  if (payloadLength > MAX_PAYLOAD_BYTES) throw new RangeError('payload too large');
  let size = MIN_PADDED_BYTES;
  while (size < LENGTH_PREFIX + payloadLength) size *= 2;
  return size;
}

/** True when `size` is a size `pad` can produce. */
export function isValidPaddedSize(size: number): boolean {
  return Number.isSafeInteger(size) && size >= MIN_PADDED_BYTES && size <= MAX_PADDED_BYTES && (size & (size - 1)) === 0;
}

export function pad(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(paddedSize(payload.length));
  new DataView(out.buffer).setUint32(0, payload.length, false);
  out.set(payload, LENGTH_PREFIX);
  return out;
}

/** Returns the payload (a view into `padded`). Throws FormatError unless the size is a valid
 * bucket, the length fits, the bucket is the smallest that fits and every padding byte is zero. */
export function unpad(padded: Uint8Array): Uint8Array {
  if (!isValidPaddedSize(padded.length)) throw new FormatError('invalid padded size');
  const length = new DataView(padded.buffer, padded.byteOffset, padded.byteLength).getUint32(0, false);
  if (length > MAX_PAYLOAD_BYTES || paddedSize(length) !== padded.length) throw new FormatError('invalid padding');
  let nonZero = 0;
  for (let i = LENGTH_PREFIX + length; i < padded.length; i++) nonZero |= padded[i]!;
  if (nonZero !== 0) throw new FormatError('invalid padding');
  return padded.subarray(LENGTH_PREFIX, LENGTH_PREFIX + length);
}
