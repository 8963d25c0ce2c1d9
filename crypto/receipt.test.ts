import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { x25519 } from '@noble/curves/ed25519.js';
import { hexEncode, utf8Encode } from './bytes.ts';
import { deriveReceipt, newReceiptCode, parseReceiptCode, verifierOf } from './receipt.ts';
import { loadSodium } from './sodium.ts';

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
    expect(a.verifier).toEqual(verifierOf(a.token));
    expect(a.reply.publicKey).toEqual(x25519.getPublicKey(a.reply.secretKey));
    const values = [a.token, a.verifier, a.reply.secretKey, a.reply.publicKey].map(hexEncode);
    expect(new Set(values).size).toBe(4);
    const codeHex = hexEncode(parsed.ikm);
    for (const v of values) expect(v.includes(codeHex)).toBe(false);
  });

  it('agree with libsodium (crypto_generichash), the second implementation of SECURITY.md §4', async () => {
    const sodium = await loadSodium();
    for (let i = 0; i < 20; i++) {
      const parsed = parseReceiptCode(newReceiptCode());
      if (!parsed.ok) throw new Error('fresh code did not parse');
      const derived = deriveReceipt(parsed.ikm);
      const token = sodium.crypto_generichash(32, utf8Encode('sotto-receipt-v1 status-token'), parsed.ikm);
      const replySecret = sodium.crypto_generichash(32, utf8Encode('sotto-receipt-v1 reply-x25519'), parsed.ikm);
      expect(hexEncode(derived.token)).toBe(hexEncode(token));
      expect(hexEncode(derived.verifier)).toBe(hexEncode(sodium.crypto_generichash(32, token, null)));
      expect(hexEncode(derived.reply.secretKey)).toBe(hexEncode(replySecret));
      expect(hexEncode(derived.reply.publicKey)).toBe(hexEncode(sodium.crypto_scalarmult_base(replySecret)));
    }
  });

  it('match a committed vector', () => {
    // A fixed code, so a change to the derivation cannot pass unnoticed (values from libsodium).
    const parsed = parseReceiptCode(RECEIPT_VECTOR.code);
    if (!parsed.ok) throw new Error('vector code did not parse');
    const derived = deriveReceipt(parsed.ikm);
    expect(hexEncode(derived.token)).toBe(RECEIPT_VECTOR.token);
    expect(hexEncode(derived.verifier)).toBe(RECEIPT_VECTOR.verifier);
    expect(hexEncode(derived.reply.publicKey)).toBe(RECEIPT_VECTOR.replyPublicKey);
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

/** Computed once with libsodium (crypto_generichash, crypto_scalarmult_base) from this code. */
const RECEIPT_VECTOR = {
  code: '9GCC-GCTF-NP9G-8Q6P-P55J-5Q1Z-RZQ9',
  token: 'cf505825e28329c6e5bd8b777afc35194eb8933e6d6659f338011def1750c582',
  verifier: 'c049670c3151f17a2a7619b07b1caad2352b6a74ef04c0419a23f9c3896dd41a',
  replyPublicKey: 'ac8ed553ec33a7a0e56cfdd7fe99e0f509fc86bfb28ae2d0d2d4fb917624b300',
};
