import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { b64uEncode } from '../crypto/bytes.ts';
import { b64uEncodeNative } from './b64u-native.ts';

describe('b64uEncodeNative', () => {
  it('writes exactly what crypto/bytes.ts b64uEncode writes, at every length modulo 3', () => {
    for (let length = 0; length < 200; length++) {
      const bytes = randomBytes(length);
      expect(b64uEncodeNative(bytes)).toBe(b64uEncode(bytes));
    }
    const large = randomBytes(16 * 1024 + 1);
    expect(b64uEncodeNative(large)).toBe(b64uEncode(large));
  });

  it('encodes only the view it is given, not the whole buffer behind it', () => {
    const backing = new Uint8Array([0xff, 0xfb, 0x00, 0x10, 0xff]);
    const view = backing.subarray(1, 4);
    expect(b64uEncodeNative(view)).toBe(b64uEncode(view));
    expect(b64uEncodeNative(view)).toBe('-wAQ');
  });
});
