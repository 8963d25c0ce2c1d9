// Group commit (SECURITY.md §5): callers enqueue and wait; everything queued within one turn of the
// event loop is written by one `commit` call (one transaction, one fsync), and each caller's
// promise settles only after that call's promise does. One commit runs at a time; what arrives
// meanwhile waits for the next, so batches grow exactly when the load does.

export class GroupCommit<T, R> {
  #queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  /** The commit loop while it runs: at most one at a time. */
  #running: Promise<void> | undefined;

  /** `commit` must resolve one result per item, in order, or reject to fail the whole batch. */
  constructor(
    private readonly commit: (items: T[]) => Promise<R[]>,
    private readonly maxBatch: number,
  ) {}

  get pending(): number {
    return this.#queue.length;
  }

  enqueue(item: T): Promise<R> {
    const settled = new Promise<R>((resolve, reject) => this.#queue.push({ item, resolve, reject }));
    if (!this.#running) {
      // Started on the next turn, so everything enqueued in this one joins the first batch.
      this.#running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#commitAll());
    }
    return settled;
  }

  /** Resolves once everything queued now, and anything queued meanwhile, is committed (shutdown). */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
    if (this.#queue.length > 0) {
      this.#running = this.#commitAll();
      await this.#running;
    }
  }

  async #commitAll(): Promise<void> {
    while (this.#queue.length > 0) await this.#commitNext();
    this.#running = undefined;
  }

  async #commitNext(): Promise<void> {
    const batch = this.#queue.splice(0, this.maxBatch);
    let results: R[];
    try {
      results = await this.commit(batch.map((entry) => entry.item));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, i) => entry.resolve(results[i]!));
  }
}
