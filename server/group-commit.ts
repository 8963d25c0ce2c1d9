// Group commit (SECURITY.md §5): callers enqueue and wait; everything queued within one turn of the
// event loop is written by one `commit` call (one transaction, one fsync), and each caller's
// promise settles only after that call returns. While a commit blocks the loop, new requests
// pile up in their sockets, so batches grow exactly when the load does.

export class GroupCommit<T, R> {
  #queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  #scheduled = false;

  /** `commit` must return one result per item, in order, or throw to fail the whole batch. */
  constructor(
    private readonly commit: (items: T[]) => R[],
    private readonly maxBatch: number,
  ) {}

  get pending(): number {
    return this.#queue.length;
  }

  enqueue(item: T): Promise<R> {
    const settled = new Promise<R>((resolve, reject) => this.#queue.push({ item, resolve, reject }));
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
    return settled;
  }

  /** Commits whatever is queued now (for shutdown; also what the scheduled turn does). */
  drain(): void {
    while (this.#queue.length > 0) this.#commitNext();
  }

  #flush(): void {
    this.#scheduled = false;
    this.drain();
  }

  #commitNext(): void {
    const batch = this.#queue.splice(0, this.maxBatch);
    let results: R[];
    try {
      results = this.commit(batch.map((entry) => entry.item));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, i) => entry.resolve(results[i]!));
  }
}
