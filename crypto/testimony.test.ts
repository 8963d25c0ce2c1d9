import { describe, expect, it } from 'vitest';
import { b64uEncode, utf8Encode } from './bytes.ts';
import { FormatError } from './errors.ts';
import { decodeTestimony, encodeTestimony, type Testimony } from './testimony.ts';

const base: Testimony = { v: 1, story: 'Мы впервые поцеловались 🌈', language: 'ru', consent: true, replyKey: b64uEncode(new Uint8Array(32)) };

describe('testimony documents', () => {
  it('round-trip with every optional field', () => {
    const full: Testimony = { ...base, title: 'Первое свидание', region: 'ural', contact: 'Signal: …' };
    expect(decodeTestimony(encodeTestimony(full))).toEqual(full);
    expect(decodeTestimony(encodeTestimony(base))).toEqual(base);
  });

  it.each([
    ['an empty story', { ...base, story: '' }],
    ['no consent', { ...base, consent: false }],
    ['an unknown language', { ...base, language: 'de' }],
    ['a city as region', { ...base, region: 'Kazan' }],
    ['an unknown field', { ...base, ip: '1.2.3.4' }],
    ['a future version', { ...base, v: 2 }],
    ['a bad reply key', { ...base, replyKey: 'short' }],
  ])('refuse %s', (_name, doc) => {
    expect(() => encodeTestimony(doc as Testimony)).toThrow(FormatError);
    expect(() => decodeTestimony(utf8Encode(JSON.stringify(doc)))).toThrow(FormatError);
  });

  it('refuse a document over 1 MiB and payloads that are not JSON', () => {
    expect(() => encodeTestimony({ ...base, story: '\u0001'.repeat(190_000) })).toThrow('too long');
    expect(() => decodeTestimony(utf8Encode('not json'))).toThrow(FormatError);
    expect(() => decodeTestimony(new Uint8Array([0xff, 0xfe]))).toThrow(FormatError);
  });
});
