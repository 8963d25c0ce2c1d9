import { describe, expect, it } from 'vitest';
import { expectedAttempts, leadingZeroBits, meetsDifficulty, powDigest, solveChallenge } from './pow.ts';

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Uint8Array.of(0x80))).toBe(0);
    expect(leadingZeroBits(Uint8Array.of(0x01))).toBe(7);
    expect(leadingZeroBits(Uint8Array.of(0, 0, 0x20))).toBe(18);
    expect(leadingZeroBits(new Uint8Array(4))).toBe(32);
  });

  it('solves what it verifies, and the solution is bound to the challenge', () => {
    for (const difficulty of [0, 4, 10, 14]) {
      const nonce = solveChallenge(`challenge-${difficulty}`, difficulty);
      expect(meetsDifficulty(`challenge-${difficulty}`, nonce, difficulty)).toBe(true);
      expect(leadingZeroBits(powDigest(`challenge-${difficulty}`, nonce))).toBeGreaterThanOrEqual(difficulty);
    }
    const nonce = solveChallenge('one', 14);
    // Another challenge with the same nonce passes only by a 2^-14 chance; try several.
    const passes = ['two', 'three', 'four', 'five'].filter((c) => meetsDifficulty(c, nonce, 14));
    expect(passes.length).toBeLessThan(2);
  });

  it('reports progress', () => {
    const seen: number[] = [];
    solveChallenge('progress', 12, { onProgress: (n) => seen.push(n), progressEvery: 64 });
    expect(seen.every((n, i) => n === (i + 1) * 64)).toBe(true);
  });

  it('accepts only canonical decimal nonces', () => {
    const nonce = solveChallenge('canonical', 6);
    for (const bad of [`0${nonce}`, ` ${nonce}`, `${nonce}.0`, '-1', '1e3', '', '99999999999999999']) {
      expect(meetsDifficulty('canonical', bad, 0)).toBe(false);
    }
    expect(() => meetsDifficulty('x', '1', 33)).toThrow(RangeError);
    expect(expectedAttempts(16)).toBe(65536);
  });
});
