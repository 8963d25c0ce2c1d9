import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from './errors.ts';
import { MAX_PAYLOAD_BYTES, MIN_PADDED_BYTES, pad, paddedSize, unpad } from './pad.ts';

describe('padding', () => {
  it('round-trips and always lands on the smallest power-of-two bucket ≥ 4096', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20_000 }), (payload) => {
        const padded = pad(payload);
        expect(padded.length).toBe(paddedSize(payload.length));
        expect(padded.length & (padded.length - 1)).toBe(0);
        expect(padded.length).toBeGreaterThanOrEqual(Math.max(MIN_PADDED_BYTES, payload.length + 4));
        expect(padded.length === MIN_PADDED_BYTES || padded.length / 2 < payload.length + 4).toBe(true);
        expect(unpad(padded)).toEqual(payload);
      }),
      { numRuns: 200 },
    );
  });

  it('handles bucket boundaries exactly', () => {
    expect(paddedSize(0)).toBe(4096);
    expect(paddedSize(4092)).toBe(4096);
    expect(paddedSize(4093)).toBe(8192);
    expect(paddedSize(MAX_PAYLOAD_BYTES)).toBe(2 * 1024 * 1024);
    expect(() => paddedSize(MAX_PAYLOAD_BYTES + 1)).toThrow(RangeError);
    expect(() => paddedSize(-1)).toThrow(RangeError);
  });

  it('rejects every malformed padding', () => {
    const good = pad(new Uint8Array([1, 2, 3]));
    const nonZeroTail = good.slice();
    nonZeroTail[4000] = 1;
    const lengthTooBig = good.slice();
    new DataView(lengthTooBig.buffer).setUint32(0, 5000);
    const notSmallestBucket = pad(new Uint8Array(5000)).slice();
    new DataView(notSmallestBucket.buffer).setUint32(0, 10);
    for (const bad of [nonZeroTail, lengthTooBig, notSmallestBucket, good.subarray(0, 4095), new Uint8Array(6000)]) {
      expect(() => unpad(bad)).toThrow(FormatError);
    }
  });
});
