import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { b64uDecode, b64uEncode, equalBytes, hexDecode, hexEncode, utf8Decode, utf8Encode } from './bytes.ts';

describe('base64url', () => {
  it('matches Node for every byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = b64uEncode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(b64uDecode(text)).toEqual(bytes);
      }),
    );
  });

  it.each([
    ['padding', 'AA=='],
    ['standard alphabet', 'a+b/'],
    ['whitespace', 'AA AA'],
    ['impossible length', 'AAAAA'],
    ['non-canonical trailing bits', 'AB'],
    ['non-ASCII', 'ÀÀÀÀ'],
  ])('rejects %s', (_name, text) => {
    expect(() => b64uDecode(text)).toThrow(RangeError);
  });
});

describe('hex and utf8', () => {
  it('round-trips hex', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      expect(hexDecode(hexEncode(bytes))).toEqual(bytes);
    }));
    expect(() => hexDecode('abc')).toThrow(RangeError);
    expect(() => hexDecode('zz')).toThrow(RangeError);
  });

  it('refuses invalid UTF-8 instead of replacing it', () => {
    expect(utf8Decode(utf8Encode('Казань 🌈'))).toBe('Казань 🌈');
    expect(() => utf8Decode(new Uint8Array([0xc3, 0x28]))).toThrow(TypeError);
  });
});

describe('equalBytes', () => {
  it('compares contents and lengths', () => {
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(equalBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
    expect(() => equalBytes('a' as unknown as Uint8Array, new Uint8Array())).toThrow(TypeError);
  });
});
