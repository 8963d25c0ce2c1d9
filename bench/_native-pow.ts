// Proof-of-work solvers for a flooder (bench/_flooder.ts) and for timing the honest client
// (bench/flood.ts): node:crypto's SHA-256 (native code; the prefix hashed once and its state copied
// per nonce) and crypto/pow.ts's solver, which V8's JIT makes fast outside Tor Browser. Both follow
// crypto/pow.ts's rule: try 0, 1, 2, … in order, so the nonce found tells the attempts made.

import { createHash } from 'node:crypto';
import { solveChallenge } from '../crypto/pow.ts';

export interface Solver {
  name: string;
  solve(challenge: string, difficulty: number): { nonce: string; attempts: number };
}

const nodeCrypto: Solver = {
  name: 'node:crypto sha256',
  solve(challenge, difficulty) {
    const prefix = createHash('sha256').update(`${challenge}\u0000`);
    const wholeBytes = difficulty >>> 3;
    const mask = (0xff00 >>> (difficulty & 7)) & 0xff;
    for (let n = 0; ; n++) {
      const digest = prefix.copy().update(String(n)).digest();
      let ok = true;
      for (let i = 0; i < wholeBytes && ok; i++) ok = digest[i] === 0;
      if (ok && (digest[wholeBytes]! & mask) === 0) return { nonce: String(n), attempts: n + 1 };
    }
  },
};

const jitJavaScript: Solver = {
  name: 'crypto/pow.ts with JIT',
  solve(challenge, difficulty) {
    const nonce = solveChallenge(challenge, difficulty);
    return { nonce, attempts: Number(nonce) + 1 };
  },
};

/** Whichever of the two solves faster here (a flooder would pick the best it has). */
export function fastestSolver(): Solver {
  const rate = (solver: Solver) => {
    const started = performance.now();
    let attempts = 0;
    for (let i = 0; performance.now() - started < 300; i++) attempts += solver.solve(`warm-up ${i}`, 12).attempts;
    return attempts / (performance.now() - started);
  };
  return rate(nodeCrypto) >= rate(jitJavaScript) ? nodeCrypto : jitJavaScript;
}

/** The page's own solver, run here only to count the attempts an honest client makes. */
export const pageSolver = jitJavaScript;
