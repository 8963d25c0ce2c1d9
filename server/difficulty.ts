// Adaptive proof-of-work difficulty (SECURITY.md §5). It follows the global rate of stored
// submissions — never anything about a client — as an exponentially decaying event rate:
//   rate ← rate · e^(−Δt/τ) + 1/τ  on each event,   decayed the same way when read.
// Each doubling of the rate above CALM_PER_SECOND adds one bit (doubling the expected work), up
// to MAX_EXTRA_BITS. Only submissions actually stored count (submit-api.ts records after the
// commit): free challenge requests, and solutions attached to junk, move nothing.
// This is the price of a base-size story; pow-price.ts adds size and quota fill for larger ones.

/** Ten minutes: a burst raises the price within a minute or two and it decays about as fast. */
const TIME_CONSTANT_S = 600;
/** One stored submission a second (86,400 a day) is beyond any campaign the editors could read:
 * below it the base applies, so a viral week of 50,000 stories a day still pays the base
 * (SECURITY.md §5). */
export const CALM_PER_SECOND = 1;
/** Two bits = 4× the base work, reached from 4 stored a second, which one native core does
 * easily: at most 2^18 hashes for a base-size story, about 12 s on average in Tor Browser "Safer".
 * Large envelopes pay by size and quota fill (pow-price.ts) and the quota's headroom keeps room for
 * short stories, so a higher cap would tax honest people without stopping a flood. */
export const MAX_EXTRA_BITS = 2;

export class AdaptiveDifficulty {
  #rate = 0;
  #at = 0;

  /** `calmPerSecond`: tests lower it to see the rise without thousands of submissions. */
  constructor(readonly base: number, private readonly calmPerSecond = CALM_PER_SECOND) {}

  /** Records one stored submission at `nowMs`. */
  record(nowMs: number): void {
    this.#rate = this.#decayed(nowMs) + 1 / TIME_CONSTANT_S;
    this.#at = nowMs;
  }

  /** Difficulty in bits for challenges minted at `nowMs`. */
  current(nowMs: number): number {
    const ratio = this.#decayed(nowMs) / this.calmPerSecond;
    const extra = ratio <= 1 ? 0 : Math.min(MAX_EXTRA_BITS, Math.floor(Math.log2(ratio)));
    return this.base + extra;
  }

  #decayed(nowMs: number): number {
    const elapsed = Math.max(0, nowMs - this.#at) / 1000;
    return this.#rate * Math.exp(-elapsed / TIME_CONSTANT_S);
  }
}
