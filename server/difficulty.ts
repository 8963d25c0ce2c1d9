// Adaptive proof-of-work difficulty (SECURITY.md §5). It follows the global rate of valid solutions
// presented — never anything about a client — as an exponentially decaying event rate:
//   rate ← rate · e^(−Δt/τ) + 1/τ  on each event,   decayed the same way when read.
// Each doubling of the rate above CALM_PER_SECOND adds one bit (doubling the expected work), up
// to MAX_EXTRA_BITS. Counting only valid solutions means a flood of free challenge requests
// cannot raise the price for everyone; raising it costs the flooder the work itself.

/** Ten minutes: a burst raises the price within a minute or two and it decays about as fast. */
const TIME_CONSTANT_S = 600;
/** One submission a minute is ordinary for a small campaign; below it, the base applies. */
const CALM_PER_SECOND = 1 / 60;
/** Four bits = 16× the base work: a phone with the JIT off still finishes inside the challenge's
 * ten minutes. Past that, the storage quota and the queue limit are the defence. */
export const MAX_EXTRA_BITS = 4;

export class AdaptiveDifficulty {
  #rate = 0;
  #at = 0;

  constructor(readonly base: number) {}

  /** Records one valid solution at `nowMs`. */
  record(nowMs: number): void {
    this.#rate = this.#decayed(nowMs) + 1 / TIME_CONSTANT_S;
    this.#at = nowMs;
  }

  /** Difficulty in bits for challenges minted at `nowMs`. */
  current(nowMs: number): number {
    const ratio = this.#decayed(nowMs) / CALM_PER_SECOND;
    const extra = ratio <= 1 ? 0 : Math.min(MAX_EXTRA_BITS, Math.floor(Math.log2(ratio)));
    return this.base + extra;
  }

  #decayed(nowMs: number): number {
    const elapsed = Math.max(0, nowMs - this.#at) / 1000;
    return this.#rate * Math.exp(-elapsed / TIME_CONSTANT_S);
  }
}
