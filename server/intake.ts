// Accepting a checked submission: the storage quota, the bound on work waiting for the disk,
// receipt uniqueness across the database and the queue, then the group commit. Resolves only
// once the row is durable.

import { hexEncode } from '../crypto/bytes.ts';
import { GroupCommit } from './group-commit.ts';
import { Store, type NewSubmission } from './storage.ts';

/** Large enough to absorb a burst between two fsyncs; beyond it the answer is "busy" (503). */
export const MAX_QUEUED_BYTES = 64 * 1024 * 1024;
const MAX_BATCH = 256;

export type IntakeResult = 'stored' | 'duplicate-receipt' | 'storage-full' | 'busy';

export class Intake {
  readonly #group: GroupCommit<NewSubmission, 'stored' | 'duplicate-receipt'>;
  readonly #queuedVerifiers = new Set<string>();
  #queuedBytes = 0;

  constructor(
    private readonly store: Store,
    private readonly maxStoreBytes: number,
    private readonly maxQueuedBytes = MAX_QUEUED_BYTES,
  ) {
    this.#group = new GroupCommit((items) => store.insertBatch(items), MAX_BATCH);
  }

  async submit(submission: NewSubmission): Promise<IntakeResult> {
    const charge = Store.chargeFor(submission.envelope.length);
    if (this.store.usedBytes + this.#queuedBytes + charge > this.maxStoreBytes) return 'storage-full';
    if (this.#queuedBytes + charge > this.maxQueuedBytes) return 'busy';
    const verifier = hexEncode(submission.verifier);
    if (this.#queuedVerifiers.has(verifier) || this.store.statusOf(submission.verifier) !== undefined) {
      return 'duplicate-receipt';
    }
    this.#queuedVerifiers.add(verifier);
    this.#queuedBytes += charge;
    try {
      return await this.#group.enqueue(submission);
    } finally {
      this.#queuedVerifiers.delete(verifier);
      this.#queuedBytes -= charge;
    }
  }

  /** Writes everything queued (shutdown). */
  drain(): void {
    this.#group.drain();
  }
}
