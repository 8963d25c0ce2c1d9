// Randomness for tests: every generated case is reproducible from the seed printed on failure.
// Set SOTTO_TEST_SEED to replay one.

export function testSeed(): number {
  const fromEnv = process.env.SOTTO_TEST_SEED;
  return fromEnv ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
}

/** mulberry32: a tiny seeded PRNG (not for keys — keys come from the real CSPRNG). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
