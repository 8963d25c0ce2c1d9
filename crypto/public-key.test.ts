import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { b64uEncode } from './bytes.ts';
import { FormatError } from './errors.ts';
import { generateIdentity, publicKeyLineOf } from './identity.ts';
import { keyIdHex } from './key-id.ts';
import { fingerprint, formatPublicKeyLine, keySetFingerprint, parseKeyList, parsePublicKeyLine } from './public-key.ts';

const identity = generateIdentity();
const line = publicKeyLineOf(identity);

describe('public key lines', () => {
  it('round-trips any key and label', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((b) => b.some((x) => x !== 0)),
        fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((b) => b.some((x) => x !== 0)),
        fc.string({ maxLength: 40 }).filter((s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s)),
        (x25519, ed25519, label) => {
          const parsed = parsePublicKeyLine(formatPublicKeyLine({ x25519, ed25519 }, label));
          expect(parsed.x25519).toEqual(x25519);
          expect(parsed.ed25519).toEqual(ed25519);
          expect(parsed.label).toBe(label.trim());
          expect(parsed.keyIdHex).toBe(keyIdHex(x25519));
        },
      ),
    );
  });

  it('keeps a label and tolerates surrounding whitespace', () => {
    const parsed = parsePublicKeyLine(`  ${line}   Анна (редактор)  `);
    expect(parsed.label).toBe('Анна (редактор)');
    expect(parsed.line).toBe(`${line} Анна (редактор)`);
  });

  it.each([
    ['an empty line', '', 'not a Sotto public key'],
    ['another prefix', `sotto-pk2:${line.slice(10)}`, 'not a Sotto public key'],
    ['a missing body', 'sotto-pk1:', 'must be 64 bytes, got 0'],
    ['bad base64url', `sotto-pk1:${'+'.repeat(86)}`, 'not valid base64url'],
    ['padding', `${line}==`, 'not valid base64url'],
    ['a short key', `sotto-pk1:${b64uEncode(new Uint8Array(63).fill(7))}`, 'must be 64 bytes, got 63'],
    ['a long key', `sotto-pk1:${b64uEncode(new Uint8Array(65).fill(7))}`, 'must be 64 bytes, got 65'],
    ['an all-zero key', `sotto-pk1:${b64uEncode(new Uint8Array(64))}`, 'all zeros'],
    ['a control character in the label', `${line} evil\u001b[2Jlabel`, 'printable'],
    ['a too-long label', `${line} ${'x'.repeat(65)}`, 'at most 64'],
  ])('rejects %s with a clear message', (_name, input, message) => {
    expect(() => parsePublicKeyLine(input)).toThrow(FormatError);
    expect(() => parsePublicKeyLine(input)).toThrow(message);
  });

  it('never throws anything but FormatError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        try {
          parsePublicKeyLine(`sotto-pk1:${text}`);
        } catch (error) {
          expect(error).toBeInstanceOf(FormatError);
        }
      }),
    );
  });
});

describe('key lists', () => {
  const other = publicKeyLineOf(generateIdentity(), 'second editor');

  it('skips comments and blank lines', () => {
    const keys = parseKeyList(`# editors of the campaign\n\n${line}\r\n${other}\n`);
    expect(keys.map((k) => k.label)).toEqual(['', 'second editor']);
  });

  it('names the faulty line', () => {
    expect(() => parseKeyList(`${line}\nsotto-pk1:oops`)).toThrow('line 2:');
    expect(() => parseKeyList(`${line}\n${line} again`)).toThrow('line 2: the same key appears twice');
    expect(() => parseKeyList('# nothing here\n')).toThrow('holds no sotto-pk1: line');
    const many = Array.from({ length: 17 }, () => publicKeyLineOf(generateIdentity())).join('\n');
    expect(() => parseKeyList(many)).toThrow('at most 16');
  });
});

describe('fingerprints', () => {
  it('are six groups of five digits, stable, and distinct per key', () => {
    const key = parsePublicKeyLine(line);
    expect(fingerprint(key)).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(fingerprint(key)).toBe(fingerprint(parsePublicKeyLine(`${line} renamed`)));
    expect(fingerprint(key)).not.toBe(fingerprint(parsePublicKeyLine(publicKeyLineOf(generateIdentity()))));
  });

  it('of a key set ignore order but not membership', () => {
    const a = parsePublicKeyLine(line);
    const b = parsePublicKeyLine(publicKeyLineOf(generateIdentity()));
    expect(keySetFingerprint([a, b])).toBe(keySetFingerprint([b, a]));
    expect(keySetFingerprint([a, b])).not.toBe(keySetFingerprint([a]));
  });
});
