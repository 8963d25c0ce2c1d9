import { describe, expect, it } from 'vitest';
import { meetsDifficulty, solveChallenge } from '../crypto/pow.ts';
import { randomInt, seededRandom, testSeed } from '../test/support/random.ts';
import { solveChallengeFast } from './pow-solver.ts';

describe('solveChallengeFast', () => {
  it('finds the same nonce as crypto/pow.ts for every prefix length mod 64 and nonce length', () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const alphabet = 'abcXYZ019-_.йё🙂';
    // Lengths 0..140 cover every tail offset, one and two tail blocks, and UTF-8 of 1–4 bytes.
    for (let length = 0; length <= 140; length++) {
      const challenge = Array.from({ length }, () => alphabet[randomInt(random, 0, alphabet.length - 1)]).join('');
      const difficulty = randomInt(random, 0, 9);
      const nonce = solveChallengeFast(challenge, difficulty);
      expect(nonce, `seed ${seed}, length ${length}`).toBe(solveChallenge(challenge, difficulty));
      expect(meetsDifficulty(challenge, nonce, difficulty)).toBe(true);
    }
  });

  it('crosses nonce lengths (9 → 10, 99 → 100, 999 → 1000) and reports progress', () => {
    const progress: number[] = [];
    const challenge = 'x'.repeat(54); // 55-byte prefix: a 1-digit nonce fits one tail block, 2 digits need two
    const nonce = solveChallengeFast(challenge, 12, { onProgress: (tried) => progress.push(tried), progressEvery: 256 });
    expect(nonce).toBe(solveChallenge(challenge, 12));
    expect(Number(nonce)).toBeGreaterThan(999);
    expect(progress.slice(0, 3)).toEqual([256, 512, 768]);
  });

  it('rejects a difficulty outside 0..32', () => {
    expect(() => solveChallengeFast('c', 33)).toThrow(RangeError);
    expect(() => solveChallengeFast('c', -1)).toThrow(RangeError);
    expect(solveChallengeFast('c', 0)).toBe('0');
  });
});
