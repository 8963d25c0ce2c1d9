// Accepting a checked submission: the storage quota, the bound on work waiting for the disk,
// receipt uniqueness across the database and the queue, then the group commit. Resolves only
// once the row is durable.

import { hexEncode } from '../crypto/bytes.ts';
import { GroupCommit } from './group-commit.ts';
import { chargeFor, type InsertResult, type NewSubmission, type SubmissionStore } from './store.ts';

/** Large enough to absorb a burst between two fsyncs; beyond it the answer is "busy" (503). */
export const MAX_QUEUED_BYTES = 64 * 1024 * 1024;
const MAX_BATCH = 256;

export type IntakeResult = InsertResult | 'storage-full' | 'busy';

export class Intake {
  readonly #group: GroupCommit<NewSubmission, InsertResult>;
  /** Receipts waiting for the disk, with the outcome their commit will have. */
  readonly #queued = new Map<string, Promise<InsertResult>>();
  #queuedBytes = 0;

  constructor(
    private readonly store: SubmissionStore,
    private readonly maxStoreBytes: number,
    private readonly maxQueuedBytes = MAX_QUEUED_BYTES,
  ) {
    this.#group = new GroupCommit((items) => store.insertBatch(items), MAX_BATCH);
  }

  /** Bytes of the quota taken: stored, and waiting for the disk. */
  async usedBytes(): Promise<number> {
    return (await this.store.usedBytes()) + this.#queuedBytes;
  }

  /** Whether `charge` more bytes (a story message, stored directly) stay within `storeLimitBytes`. */
  async hasRoomFor(charge: number, storeLimitBytes = this.maxStoreBytes): Promise<boolean> {
    return (await this.usedBytes()) + charge <= Math.min(storeLimitBytes, this.maxStoreBytes);
  }

  /** `storeLimitBytes`: how full this submission may make the store (below the quota for large
   * envelopes, pow-price.ts). */
  async submit(submission: NewSubmission, storeLimitBytes = this.maxStoreBytes): Promise<IntakeResult> {
    const charge = chargeFor(submission.envelope.length);
    const [used, existing] = await Promise.all([this.store.usedBytes(), this.store.statusOf(submission.verifier)]);
    // From here to the enqueue nothing awaits, so the checks and the reservation are one step.
    if (used + this.#queuedBytes + charge > Math.min(storeLimitBytes, this.maxStoreBytes)) return 'storage-full';
    if (this.#queuedBytes + charge > this.maxQueuedBytes) return 'busy';
    const verifier = hexEncode(submission.verifier);
    const queued = this.#queued.get(verifier);
    if (queued) {
      // The page resends an unchanged story with the same receipt after a lost answer and takes
      // "duplicate receipt" to mean "already stored": say so only once the first copy is durable.
      // If its commit fails, this copy fails too (the rejection propagates): never a false receipt.
      await queued;
      return 'duplicate-receipt';
    }
    if (existing !== undefined) return 'duplicate-receipt';
    const outcome = this.#group.enqueue(submission);
    this.#queued.set(verifier, outcome);
    this.#queuedBytes += charge;
    try {
      return await outcome;
    } finally {
      this.#queued.delete(verifier);
      this.#queuedBytes -= charge;
    }
  }

  /** Writes everything queued (shutdown). */
  drain(): Promise<void> {
    return this.#group.drain();
  }
}
