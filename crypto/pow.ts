// Proof of work (docs/API.md "POST /api/v1/challenge", SECURITY.md §7). Abuse control without
// IP addresses: the server signs a challenge; the client finds a nonce such that
//   SHA-256(utf8(challenge) ‖ 0x00 ‖ utf8(nonce))
// starts with `difficulty` zero bits. nonce is a decimal string. Expected work: 2^difficulty hashes.
// Pure JavaScript, so the Web Worker runs it in Tor Browser with the JIT off.

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

const BLOCK = 64;

// SHA-256 constants (FIPS 180-4 §4.2.2 and §5.3.3), written out rather than computed so that no
// engine's floating-point rounding can change them.
// Pure: a bundle that uses only expectedAttempts (the page's main script) drops the tables.
const K = /* @__PURE__ */ Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = /* @__PURE__ */ Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const W = /* @__PURE__ */ new Int32Array(64);

/** One SHA-256 compression of the 64 bytes of `block` at `offset` into `state`. */
function compress(state: Int32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++, offset += 4) {
    W[i] = (block[offset]! << 24) | (block[offset + 1]! << 16) | (block[offset + 2]! << 8) | block[offset + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15]!;
    const b = W[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = (s1 + W[i - 7]! + s0 + W[i - 16]!) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!;
  let e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0;
    d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0; state[1] = (state[1]! + b) | 0; state[2] = (state[2]! + c) | 0; state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0; state[5] = (state[5]! + f) | 0; state[6] = (state[6]! + g) | 0; state[7] = (state[7]! + h) | 0;
}

/**
 * Finds the first nonce (trying 0, 1, 2, …) that solves `challenge` at `difficulty`.
 * Synchronous: the browser runs it in a Web Worker. With the JIT off (Tor Browser "Safer") every
 * call and allocation shows, so instead of hashing each attempt with noble it
 *   - compresses the prefix's full 64-byte blocks once (the mid-state);
 *   - keeps the tail (rest of the prefix ‖ nonce digits ‖ SHA-256 padding) in one reused buffer
 *     in which each attempt rewrites only the digits;
 *   - runs one or two SHA-256 compressions per attempt (FIPS 180-4 §6.2.2) without allocating.
 * About 22,000 attempts a second in Firefox without JIT, 4.7× noble's hash per attempt
 * (bench/page.ts). pow.test.ts checks it against powDigest nonce by nonce.
 * `onProgress` gets the number of attempts so far every `progressEvery` attempts.
 */
export function solveChallenge(
  challenge: string,
  difficulty: number,
  options: { onProgress?: (tried: number) => void; progressEvery?: number } = {},
): string {
  checkDifficulty(difficulty);
  if (difficulty === 0) return '0';
  const every = options.progressEvery ?? 4096;
  const prefix = utf8Encode(`${challenge}\u0000`);
  const full = prefix.length - (prefix.length % BLOCK);
  const mid = IV.slice();
  for (let offset = 0; offset < full; offset += BLOCK) compress(mid, prefix, offset);
  const rest = prefix.subarray(full);

  const state = new Int32Array(8);
  const tail = new Uint8Array(2 * BLOCK);
  const view = new DataView(tail.buffer);
  const shift = 32 - difficulty;
  let digits = 0;
  let blocks = 1;
  for (let n = 0; n < Number.MAX_SAFE_INTEGER; n++) {
    const nonce = String(n);
    if (nonce.length !== digits) {
      // A longer nonce moves the padding: lay the tail out again.
      digits = nonce.length;
      const length = rest.length + digits;
      blocks = length + 9 <= BLOCK ? 1 : 2;
      tail.fill(0);
      tail.set(rest);
      tail[length] = 0x80;
      const bits = (full + length) * 8;
      view.setUint32(blocks * BLOCK - 8, Math.floor(bits / 2 ** 32), false);
      view.setUint32(blocks * BLOCK - 4, bits >>> 0, false);
    }
    for (let i = 0; i < digits; i++) tail[rest.length + i] = nonce.charCodeAt(i);
    state.set(mid);
    compress(state, tail, 0);
    if (blocks === 2) compress(state, tail, BLOCK);
    // difficulty ≤ 32: only the digest's first word decides.
    if (state[0]! >>> shift === 0) return nonce;
    if (options.onProgress && n % every === every - 1) options.onProgress(n + 1);
  }
  throw new Error('no solution found');
}
