import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { b64uDecode, b64uEncode } from '../crypto/bytes.ts';
import { b64uDecodeNative, b64uEncodeNative } from './b64u-native.ts';

describe('native base64url', () => {
  it('writes and reads exactly what crypto/bytes.ts does, at every length modulo 3', () => {
    for (let length = 0; length < 200; length++) {
      const bytes = randomBytes(length);
      const text = b64uEncode(bytes);
      expect(b64uEncodeNative(bytes)).toBe(text);
      expect(b64uDecodeNative(text)).toEqual(new Uint8Array(bytes));
    }
    const large = randomBytes(16 * 1024 + 1);
    expect(b64uEncodeNative(large)).toBe(b64uEncode(large));
    expect(b64uDecodeNative(b64uEncode(large))).toEqual(new Uint8Array(large));
  });

  it('encodes only the view it is given, not the whole buffer behind it', () => {
    const backing = new Uint8Array([0xff, 0xfb, 0x00, 0x10, 0xff]);
    const view = backing.subarray(1, 4);
    expect(b64uEncodeNative(view)).toBe(b64uEncode(view));
    expect(b64uEncodeNative(view)).toBe('-wAQ');
  });

  it('refuses whatever crypto/bytes.ts refuses: padding, other alphabets, whitespace, bad lengths, loose trailing bits', () => {
    for (const text of ['AAA=', 'AA==', 'A+/A', 'AB CD', 'AB\nC', 'A', 'AAAAA', 'AB', 'AAB', '-wAR', 'Zg', 'Zm9vYh', 'é']) {
      const strict = (() => { try { return b64uDecode(text); } catch { return 'refused'; } })();
      const native = (() => { try { return b64uDecodeNative(text); } catch { return 'refused'; } })();
      expect(native, text).toEqual(strict);
    }
    expect(() => b64uDecodeNative('Zh')).toThrow(RangeError); // "f" is "Zg"; "Zh" has loose bits
    expect(() => b64uDecodeNative('AAA=')).toThrow(RangeError);
  });
});
