// The adaptive difficulty (server/difficulty.ts) for several instances on one database: each
// follows the rate of submissions stored by all of them, so a flood spread over the instances
// raises the price as it would on one. Every SYNC_MS an instance publishes how many submissions it
// has stored since it started and reads the others' counts; what the others stored since the last
// look is recorded here as if it had just happened (at most SYNC_MS late, against a ten-minute time
// constant). Only running totals are exchanged, never when a submission arrived (SECURITY.md §5).

import { randomBytes } from 'node:crypto';
import { AdaptiveDifficulty } from './difficulty.ts';

const SYNC_MS = 2_000;
/** Bounds the work of one sync: far beyond any rate the quota lets through in SYNC_MS. */
const MAX_RECORDED_PER_SYNC = 50_000;

export interface RateLedger {
  /** Publishes `stored` as this instance's count and returns every other live instance's count. */
  exchange(instance: string, stored: number, nowS: number): Promise<Map<string, number>>;
}

export class SharedDifficulty extends AdaptiveDifficulty {
  readonly #ledger: RateLedger;
  readonly #instance = randomBytes(12).toString('hex');
  /** Others' counts at the last sync (an instance first seen only sets its baseline). */
  readonly #seen = new Map<string, number>();
  #stored = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(base: number, ledger: RateLedger) {
    super(base);
    this.#ledger = ledger;
  }

  override record(nowMs: number): void {
    super.record(nowMs);
    this.#stored++;
  }

  /** Exchanges counts once; what the other instances stored since the last sync is recorded at `nowMs`. */
  async sync(nowMs: number): Promise<void> {
    const others = await this.#ledger.exchange(this.#instance, this.#stored, nowMs / 1000);
    let budget = MAX_RECORDED_PER_SYNC;
    for (const [instance, count] of others) {
      const before = this.#seen.get(instance);
      this.#seen.set(instance, count);
      if (before === undefined) continue;
      for (let i = before; i < count && budget > 0; i++, budget--) super.record(nowMs);
    }
    for (const instance of this.#seen.keys()) if (!others.has(instance)) this.#seen.delete(instance);
  }

  /** Syncs every SYNC_MS until stop(); a failed sync (database unreachable) waits for the next. */
  start(): void {
    this.#timer = setInterval(() => this.sync(Date.now()).catch(() => {}), SYNC_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
