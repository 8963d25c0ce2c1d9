// Background upkeep of the store while the server runs: retention (hourly, if configured), the
// expiry of attachment uploads no story claimed within a day (hourly), and the store's bounded
// maintenance steps (returning freed pages, re-laying envelopes; SECURITY.md §5).
// Every step is short and awaited before the next is scheduled, so requests interleave with it;
// every failure is caught, reported once in a fixed line (never the error's text) and retried, so
// a full disk pauses upkeep instead of stopping the server.

import { utcDayBefore } from '../node-lib/utc-day.ts';
import { StoreFullError, type SubmissionStore } from './store.ts';

/** Between steps while there is a backlog: lets waiting requests run first. */
const BACKLOG_PAUSE_MS = 50;
/** Between steps otherwise (the relayout sweep paces itself by elapsed time). */
const IDLE_PAUSE_MS = 1_000;
const RETRY_PAUSE_MS = 60_000;
const RETENTION_EVERY_MS = 60 * 60 * 1000;
/** Uploads from before yesterday (UTC) that no story claimed are erased: a page that stopped
 * halfway (a closed tab) leaves nothing behind for long. */
const UNCLAIMED_UPLOAD_DAYS = 1;

export interface UpkeepOptions {
  store: SubmissionStore;
  retentionDays: number | undefined;
  nowMs: () => number;
  /** Prints one operator line (start-up and upkeep state only). */
  say: (line: string) => void;
}

export class Upkeep {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  #nextRetentionMs = 0;
  /** The failure last reported, so a lasting one is said once, not every minute. */
  #reported: 'full' | 'failed' | undefined;

  constructor(private readonly options: UpkeepOptions) {}

  start(): void {
    this.#schedule(0);
  }

  /** Stops after the step in progress, if any. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.#step().finally(() => (this.#running = undefined));
    }, delayMs);
    this.#timer.unref();
  }

  async #step(): Promise<void> {
    const { store, retentionDays, nowMs } = this.options;
    let pause = IDLE_PAUSE_MS;
    try {
      if (nowMs() >= this.#nextRetentionMs) {
        if (retentionDays !== undefined) await store.applyRetention(utcDayBefore(nowMs(), retentionDays));
        await store.expireUploads(utcDayBefore(nowMs(), UNCLAIMED_UPLOAD_DAYS));
        this.#nextRetentionMs = nowMs() + RETENTION_EVERY_MS;
      }
      if (await store.maintain()) pause = BACKLOG_PAUSE_MS;
      if (this.#reported) this.options.say('sotto: storage upkeep running again');
      this.#reported = undefined;
    } catch (error) {
      const kind = error instanceof StoreFullError ? 'full' : 'failed';
      if (this.#reported !== kind) {
        this.options.say(
          kind === 'full'
            ? 'sotto: disk full: storage upkeep paused (acknowledgements and withdrawals still work); retrying every minute'
            : 'sotto: storage upkeep failed; retrying every minute',
        );
      }
      this.#reported = kind;
      pause = RETRY_PAUSE_MS;
    }
    this.#schedule(pause);
  }
}
