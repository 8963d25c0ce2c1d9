// Stateless proof-of-work challenges (docs/API.md "POST /api/v1/challenge"):
//   challenge = b64u(payload) "." b64u(HMAC-SHA256(secret, payload))
//   payload   = {"v":1,"id":<b64u 16 random bytes>,"b":<spent-token scope>,"d":<bits>,"s":<size class>,"k":<kind>,"exp":<unix s>,"iat":<unix s>}
// `s` is the envelope size class the difficulty was priced for (pow-price.ts); `k` is what it pays
// for, "story" or "upload" (attachments are priced lower per byte, so the kinds must not mix).
// The server keeps nothing per challenge until a solution is accepted; then the id is claimed in
// the spent-token registry (server/store.ts SpentTokens) until `exp`. Every challenge carries the
// registry's scope, and one from another scope is refused as expired (the page fetches a new one):
// an in-memory registry gets a fresh scope per process, so a restart that forgot the spent ids
// cannot be used to replay them. This does not depend on the clock, which may step back.

import { createHmac, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { b64uDecode, b64uEncode, equalBytes, utf8Decode, utf8Encode } from '../crypto/bytes.ts';
import { ID_PATTERN, type ApiErrorCode } from '../crypto/contract.ts';
import { meetsDifficulty } from '../crypto/pow.ts';
import { MemorySpentTokens } from './memory-spent-tokens.ts';
import type { PricedKind } from './pow-price.ts';
import type { SpentTokens } from './store.ts';

/** The shortest lifetime: long enough for a slow phone at a base-size story's highest difficulty,
 * short enough that the replay set stays small. */
export const CHALLENGE_LIFETIME_S = 600;
/** Harder challenges (large envelopes, pow-price.ts) live four times the expected solve of a slow
 * client (a phone without JIT: half what Tor Browser "Safer" does on a laptop), up to a day. */
const SLOW_CLIENT_HASHES_PER_S = 10_000;
const MAX_LIFETIME_S = 24 * 3600;

export function challengeLifetimeS(difficulty: number): number {
  return Math.min(MAX_LIFETIME_S, Math.max(CHALLENGE_LIFETIME_S, Math.ceil((4 * 2 ** difficulty) / SLOW_CLIENT_HASHES_PER_S)));
}
/** Bounds the in-memory replay set: at the base difficulty this is far beyond any honest rate. */
export const MAX_REMEMBERED_SOLUTIONS = 1_000_000;
const MAX_CHALLENGE_CHARS = 256;

const PayloadSchema = z.strictObject({
  v: z.literal(1),
  id: z.string().regex(ID_PATTERN),
  b: z.string(),
  d: z.number().int().min(0).max(32),
  s: z.number().int().min(0).max(32),
  k: z.enum(['story', 'upload']),
  exp: z.number().int().nonnegative(),
  iat: z.number().int().nonnegative(),
});

export interface IssuedChallenge {
  challenge: string;
  difficulty: number;
  expiresAt: number;
}

export type SolutionCheck =
  | { ok: true; sizeClass: number; kind: PricedKind }
  | { ok: false; reason: RefusedSolution };
type RefusedSolution = 'invalid' | 'expired' | 'replayed' | 'busy';

/** The error every route that redeems a challenge answers for a refused solution. */
export const REFUSED_SOLUTION_ERRORS: Readonly<Record<RefusedSolution, ApiErrorCode>> = {
  invalid: 'bad_proof_of_work',
  expired: 'challenge_expired',
  replayed: 'challenge_used',
  busy: 'busy',
};

export class ChallengeBook {
  readonly #secret: Uint8Array;
  readonly #spent: SpentTokens;

  /** `secret`: 32 bytes from the data dir. `spent`: where redeemed solutions are remembered; by
   * default this process's memory. */
  constructor(secret: Uint8Array, spent: SpentTokens = new MemorySpentTokens(MAX_REMEMBERED_SOLUTIONS, Date.now() / 1000)) {
    this.#secret = secret;
    this.#spent = spent;
  }

  /** A fresh challenge for envelopes (or uploads) up to `sizeClass`; its id is random and made here. */
  issue(difficulty: number, nowS: number, sizeClass = 0, kind: PricedKind = 'story'): IssuedChallenge {
    const iat = Math.floor(nowS);
    const exp = iat + challengeLifetimeS(difficulty);
    const payload = utf8Encode(JSON.stringify({ v: 1, id: b64uEncode(randomBytes(16)), b: this.#spent.scope, d: difficulty, s: sizeClass, k: kind, exp, iat }));
    return { challenge: `${b64uEncode(payload)}.${b64uEncode(this.#mac(payload))}`, difficulty, expiresAt: exp };
  }

  /**
   * Checks a solution and spends it. Order matters for cost: the MAC (cheap, and it stops
   * tampering) before the hash of the solution, and the replay set only after both, so that
   * garbage never occupies memory.
   */
  async redeem(challenge: string, nonce: string, nowS: number): Promise<SolutionCheck> {
    const payload = this.#authentic(challenge);
    if (!payload) return { ok: false, reason: 'invalid' };
    if (payload.b !== this.#spent.scope || payload.exp < nowS) return { ok: false, reason: 'expired' };
    if (!meetsDifficulty(challenge, nonce, payload.d)) return { ok: false, reason: 'invalid' };
    const spent = await this.#spent.claim(payload.id, payload.exp, nowS);
    if (spent === 'spent') return { ok: false, reason: 'replayed' };
    if (spent === 'full') return { ok: false, reason: 'busy' };
    return { ok: true, sizeClass: payload.s, kind: payload.k };
  }

  #mac(payload: Uint8Array): Uint8Array {
    return createHmac('sha256', this.#secret).update(payload).digest();
  }

  #authentic(challenge: string): z.infer<typeof PayloadSchema> | undefined {
    if (challenge.length > MAX_CHALLENGE_CHARS) return undefined;
    const [encodedPayload, encodedMac, extra] = challenge.split('.');
    if (encodedPayload === undefined || encodedMac === undefined || extra !== undefined) return undefined;
    try {
      const payload = b64uDecode(encodedPayload);
      if (!equalBytes(b64uDecode(encodedMac), this.#mac(payload))) return undefined;
      const parsed = PayloadSchema.safeParse(JSON.parse(utf8Decode(payload)));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}
