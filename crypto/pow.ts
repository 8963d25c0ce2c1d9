// Proof of work (docs/API.md "POST /api/v1/challenge", SECURITY.md §7). Abuse control without
// IP addresses: the server signs a challenge; the client finds a nonce such that
//   SHA-256(utf8(challenge) ‖ 0x00 ‖ utf8(nonce))
// starts with `difficulty` zero bits. nonce is a decimal string. Expected work: 2^difficulty hashes.
// Pure JavaScript (noble), so the Web Worker runs it in Tor Browser with the JIT off.

import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8Encode } from './bytes.ts';

export const MAX_DIFFICULTY = 32;
const SEPARATOR = Uint8Array.of(0);

export function powDigest(challenge: string, nonce: string): Uint8Array {
  return sha256(concatBytes(utf8Encode(challenge), SEPARATOR, utf8Encode(nonce)));
}

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

function checkDifficulty(difficulty: number): void {
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > MAX_DIFFICULTY) {
    throw new RangeError(`"difficulty" expected an integer 0..${MAX_DIFFICULTY}`);
  }
}

/** True when `nonce` is a canonical decimal string and solves `challenge` at `difficulty`. */
export function meetsDifficulty(challenge: string, nonce: string, difficulty: number): boolean {
  checkDifficulty(difficulty);
  if (!/^(0|[1-9][0-9]{0,15})$/.test(nonce)) return false;
  return leadingZeroBits(powDigest(challenge, nonce)) >= difficulty;
}

export function expectedAttempts(difficulty: number): number {
  checkDifficulty(difficulty);
  return 2 ** difficulty;
}

/**
 * Finds a nonce (synchronously: run it in a Web Worker in the browser). The hash state after the
 * constant prefix is computed once and cloned per attempt. `onProgress` gets the number of
 * attempts so far every `progressEvery` attempts.
 */
export function solveChallenge(
  challenge: string,
  difficulty: number,
  options: { onProgress?: (tried: number) => void; progressEvery?: number } = {},
): string {
  checkDifficulty(difficulty);
  const every = options.progressEvery ?? 4096;
  const prefix = sha256.create().update(utf8Encode(challenge)).update(SEPARATOR);
  for (let n = 0; n < Number.MAX_SAFE_INTEGER; n++) {
    const nonce = String(n);
    if (leadingZeroBits(prefix.clone().update(utf8Encode(nonce)).digest()) >= difficulty) return nonce;
    if (options.onProgress && n % every === every - 1) options.onProgress(n + 1);
  }
  throw new Error('no solution found');
}
