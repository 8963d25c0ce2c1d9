// Attachment v1: committed vectors open with both implementations, noble and libsodium open each
// other's output, and every tampering (a flipped bit, reordered, dropped or cut chunks, a wrong
// length, another key) is the one AttachmentError.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hexDecode } from './bytes.ts';
import { AttachmentError } from './errors.ts';
import {
  ATTACHMENT_SEALED_CHUNK_BYTES,
  MAX_ATTACHMENT_TOTAL_BYTES,
  MAX_SEALED_UPLOAD_BYTES,
  isSealedAttachmentSize,
  paddedAttachmentSize,
  sealedAttachmentSize,
  sealedChunkCount,
  sealedChunkSize,
} from './attachment-format.ts';
import { openAttachmentNoble, sealAttachment } from './attachment-noble.ts';
import { openAttachment, sealAttachmentSodium } from './attachment-sodium.ts';
import { loadSodium, type Sodium } from './sodium.ts';
import { expectSameBytes } from '../test/support/bytes.ts';

interface Vector { description: string; length: number; seed: number; key: string; sealed: string }
const vectors: Vector[] = JSON.parse(readFileSync(new URL('../test/vectors/attachment-v1.json', import.meta.url), 'utf8'));
/** The generated image of scripts/generate-attachment-vectors.ts. */
const imageOf = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);

let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

describe('attachment v1 vectors', () => {
  it('cover one chunk, a whole chunk and several chunks, from both sealers', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(6);
    expect(new Set(vectors.map((v) => sealedChunkCount(v.sealed.length / 2)))).toEqual(new Set([1, 2, 3]));
  });

  it.each(vectors.map((v) => [v.description, v] as const))('%s', (_description, vector) => {
    const key = hexDecode(vector.key);
    const sealed = hexDecode(vector.sealed);
    const image = imageOf(vector.length, vector.seed);
    expect(sealed.length).toBe(sealedAttachmentSize(vector.length));
    expect(isSealedAttachmentSize(sealed.length)).toBe(true);
    expectSameBytes(openAttachment(sodium, key, sealed, vector.length), image);
    expectSameBytes(openAttachmentNoble(key, sealed, vector.length), image);
  });
});

describe('attachment v1 cross-tests', () => {
  const image = imageOf(200_000, 9);

  it('noble seals, libsodium opens; libsodium seals, noble opens', () => {
    const { key, sealed } = sealAttachment(image);
    expectSameBytes(openAttachment(sodium, key, sealed, image.length), image);
    expectSameBytes(openAttachmentNoble(key, sealAttachmentSodium(sodium, key, image), image.length), image);
    expectSameBytes(sealAttachmentSodium(sodium, key, image), sealed); // same key, same bytes: the nonces are the format's
  });

  it('makes a fresh key each time', () => {
    expect(sealAttachment(image).key).not.toEqual(sealAttachment(image).key);
  });

  it('reports progress chunk by chunk', () => {
    const seen: string[] = [];
    sealAttachment(image, (done, total) => seen.push(`${done}/${total}`));
    expect(seen).toEqual(['1/4', '2/4', '3/4', '4/4']);
  });

  it('refuses every tampering with the one error', () => {
    const { key, sealed } = sealAttachment(image);
    const chunk = (i: number) => sealed.subarray(i * ATTACHMENT_SEALED_CHUNK_BYTES, (i + 1) * ATTACHMENT_SEALED_CHUNK_BYTES);
    const flipped = sealed.slice();
    flipped[70_000]! ^= 1;
    const swapped = new Uint8Array(sealed.length);
    swapped.set(chunk(1), 0);
    swapped.set(chunk(0), ATTACHMENT_SEALED_CHUNK_BYTES);
    swapped.set(sealed.subarray(2 * ATTACHMENT_SEALED_CHUNK_BYTES), 2 * ATTACHMENT_SEALED_CHUNK_BYTES);
    const otherKey = key.slice();
    otherKey[0]! ^= 1;
    const attempts: [Uint8Array, Uint8Array, number][] = [
      [key, flipped, image.length],
      [key, swapped, image.length],
      [key, sealed.subarray(0, 3 * ATTACHMENT_SEALED_CHUNK_BYTES), image.length], // last chunk dropped
      [key, sealed, image.length - 1], // a length that claims a byte of padding
      [otherKey, sealed, image.length],
    ];
    for (const [k, s, length] of attempts) {
      expect(() => openAttachment(sodium, k, s, length)).toThrow(AttachmentError);
      expect(() => openAttachmentNoble(k, s, length)).toThrow(AttachmentError);
    }
  });

  it('refuses a stream cut at a chunk boundary even with a matching length (the last-chunk flag)', () => {
    const whole = imageOf(3 * 65_536, 1);
    const { key, sealed } = sealAttachment(whole);
    const firstTwo = whole.subarray(0, 2 * 65_536);
    // Two chunks of a three-chunk stream: the second was sealed as "not last".
    const cut = sealed.subarray(0, sealedAttachmentSize(firstTwo.length));
    expect(() => openAttachment(sodium, key, cut, firstTwo.length)).toThrow(AttachmentError);
  });
});

describe('attachment sizes', () => {
  const lengths = [1, 4095, 4096, 4097, 65_535, 65_536, 65_537, 1_000_000, 5 * 2 ** 20, MAX_ATTACHMENT_TOTAL_BYTES];

  it('pads by Padmé: never smaller, at most 6.25 % more (from 4 KiB up), and a padded size pads to itself', () => {
    for (let length = 4096; length <= MAX_ATTACHMENT_TOTAL_BYTES; length = Math.ceil(length * 1.37) + 1) {
      const padded = paddedAttachmentSize(length);
      expect(padded).toBeGreaterThanOrEqual(length);
      expect(padded / length).toBeLessThanOrEqual(1.0625);
      expect(paddedAttachmentSize(padded)).toBe(padded);
    }
    expect(paddedAttachmentSize(1)).toBe(4096);
    expect(() => paddedAttachmentSize(MAX_ATTACHMENT_TOTAL_BYTES + 1)).toThrow(RangeError);
  });

  it('the server tells sealed sizes from any other size', () => {
    for (const length of lengths) {
      const size = sealedAttachmentSize(length);
      expect(isSealedAttachmentSize(size)).toBe(true);
      expect(isSealedAttachmentSize(size + 1)).toBe(false);
      expect(isSealedAttachmentSize(size - 1)).toBe(false);
      const chunks = sealedChunkCount(size);
      let sum = 0;
      for (let i = 0; i < chunks; i++) sum += sealedChunkSize(size, i);
      expect(sum).toBe(size);
      expect(sealedChunkSize(size, chunks)).toBe(0);
    }
    expect(isSealedAttachmentSize(0)).toBe(false);
    expect(isSealedAttachmentSize(sealedAttachmentSize(MAX_ATTACHMENT_TOTAL_BYTES) + ATTACHMENT_SEALED_CHUNK_BYTES)).toBe(false);
  });

  it('any story\'s attachments within the limits fit in one upload', () => {
    const splits = [[MAX_ATTACHMENT_TOTAL_BYTES], [1, 1, MAX_ATTACHMENT_TOTAL_BYTES - 2]];
    for (let a = 4097; a < MAX_ATTACHMENT_TOTAL_BYTES / 2; a = Math.ceil(a * 1.9)) {
      splits.push([a, a, MAX_ATTACHMENT_TOTAL_BYTES - 2 * a], [a, MAX_ATTACHMENT_TOTAL_BYTES - a]);
    }
    for (const split of splits) expect(split.reduce((sum, length) => sum + sealedAttachmentSize(length), 0)).toBeLessThanOrEqual(MAX_SEALED_UPLOAD_BYTES);
  });
});
