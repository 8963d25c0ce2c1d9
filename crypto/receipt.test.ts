import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { x25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hexEncode } from './bytes.ts';
import { deriveReceipt, newReceiptCode, parseReceiptCode } from './receipt.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const codeArb = fc.constant(null).map(() => newReceiptCode());

describe('receipt codes', () => {
  it('look like seven groups of four and carry ≥ 128 random bits', () => {
    const codes = new Set(Array.from({ length: 200 }, newReceiptCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
  });

  it('read back however they are typed', () => {
    const code = newReceiptCode();
    for (const typed of [code, code.toLowerCase(), code.replace(/-/g, ' '), code.replace(/-/g, ''), ` ${code} `]) {
      const parsed = parseReceiptCode(typed);
      expect(parsed.ok && parsed.code).toBe(code);
    }
    // Crockford's reading rules: O is 0, I and L are 1.
    const withZero = newReceiptCodeContaining('0');
    expect(parseReceiptCode(withZero.replace(/0/g, 'O')).ok).toBe(true);
  });

  it('catch every single-character substitution', () => {
    fc.assert(
      fc.property(codeArb, fc.nat(), fc.integer({ min: 1, max: 31 }), (code, where, shift) => {
        const chars = code.replace(/-/g, '').split('');
        const i = where % chars.length;
        chars[i] = ALPHABET[(ALPHABET.indexOf(chars[i]!) + shift) % 32]!;
        expect(parseReceiptCode(chars.join(''))).toEqual({ ok: false, reason: 'checksum' });
      }),
      { numRuns: 2000 },
    );
  });

  it('catch every swap of two adjacent different characters', () => {
    fc.assert(
      fc.property(codeArb, fc.nat(), (code, where) => {
        const chars = code.replace(/-/g, '').split('');
        const i = where % (chars.length - 1);
        fc.pre(chars[i] !== chars[i + 1]);
        [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
        expect(parseReceiptCode(chars.join('')).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('say why a code is refused', () => {
    const code = newReceiptCode();
    expect(parseReceiptCode(code.slice(0, -1))).toEqual({ ok: false, reason: 'length' });
    expect(parseReceiptCode(`${code.slice(0, -1)}U`)).toEqual({ ok: false, reason: 'character' });
    expect(parseReceiptCode('')).toEqual({ ok: false, reason: 'length' });
  });
});

describe('receipt derivations', () => {
  it('are deterministic, domain-separated, and reveal nothing of the code', () => {
    const parsed = parseReceiptCode(newReceiptCode());
    if (!parsed.ok) throw new Error('fresh code did not parse');
    const a = deriveReceipt(parsed.ikm);
    const b = deriveReceipt(parsed.ikm);
    expect(a.token).toEqual(b.token);
    expect(a.verifier).toEqual(sha256(a.token));
    expect(a.reply.publicKey).toEqual(x25519.getPublicKey(a.reply.secretKey));
    const values = [a.token, a.verifier, a.reply.secretKey, a.reply.publicKey].map(hexEncode);
    expect(new Set(values).size).toBe(4);
    const codeHex = hexEncode(parsed.ikm);
    for (const v of values) expect(v.includes(codeHex)).toBe(false);
  });

  it('differ between codes', () => {
    const one = parseReceiptCode(newReceiptCode());
    const two = parseReceiptCode(newReceiptCode());
    if (!one.ok || !two.ok) throw new Error('fresh code did not parse');
    expect(deriveReceipt(one.ikm).token).not.toEqual(deriveReceipt(two.ikm).token);
  });
});

function newReceiptCodeContaining(ch: string): string {
  for (;;) {
    const code = newReceiptCode();
    if (code.includes(ch)) return code;
  }
}
