import { describe, expect, it } from 'vitest';
import { randomInt, seededRandom, testSeed } from '../test/support/random.ts';
import { expectedAttempts, leadingZeroBits, meetsDifficulty, powDigest, solveChallenge } from './pow.ts';

/** The definition, spelled out: the first nonce whose digest has enough zero bits. */
function referenceSolve(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) if (leadingZeroBits(powDigest(challenge, String(n))) >= difficulty) return String(n);
}

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

  it('finds the same nonce as the definition for every prefix length mod 64 and nonce length', () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const alphabet = 'abcXYZ019-_.йё🙂';
    // Lengths 0..140 cover every tail offset, one and two tail blocks, and UTF-8 of 1–4 bytes.
    for (let length = 0; length <= 140; length++) {
      const challenge = Array.from({ length }, () => alphabet[randomInt(random, 0, alphabet.length - 1)]).join('');
      const difficulty = randomInt(random, 0, 9);
      expect(solveChallenge(challenge, difficulty), `seed ${seed}, length ${length}`).toBe(referenceSolve(challenge, difficulty));
    }
  });

  it('crosses nonce lengths (9 → 10, 99 → 100, 999 → 1000)', () => {
    const challenge = 'x'.repeat(54); // 55-byte prefix: a 1-digit nonce fits one tail block, 2 digits need two
    const nonce = solveChallenge(challenge, 12);
    expect(nonce).toBe(referenceSolve(challenge, 12));
    expect(Number(nonce)).toBeGreaterThan(999);
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
