// A set whose members expire: the proof-of-work replay set and the editor nonce cache. A member
// only needs remembering until the thing it guards would be refused anyway (an expired
// challenge, a request outside the time window), so memory stays bounded by the accepted rate.

export class ExpiringSet {
  readonly #expiries = new Map<string, number>();
  /** Members grouped by expiry time, so a purge visits only what expires (at most one group per
   * time unit of the window) instead of scanning every member. */
  readonly #byExpiry = new Map<number, string[]>();
  #nextPurge = 0;

  /** `maxSize` bounds memory: when full, `add` refuses (the caller answers "busy"). */
  constructor(private readonly maxSize: number) {}

  /**
   * Adds `member` until `expiresAt` (any monotonic unit, e.g. Unix seconds). Returns 'added',
   * 'present' if it was already there and unexpired, or 'full'.
   */
  add(member: string, expiresAt: number, now: number): 'added' | 'present' | 'full' {
    this.#purge(now);
    const known = this.#expiries.get(member);
    if (known !== undefined && known >= now) return 'present';
    if (this.#expiries.size >= this.maxSize) return 'full';
    this.#expiries.set(member, expiresAt);
    const group = this.#byExpiry.get(expiresAt);
    if (group) group.push(member);
    else this.#byExpiry.set(expiresAt, [member]);
    return 'added';
  }

  get size(): number {
    return this.#expiries.size;
  }

  // At most once per time unit of `now`, however many adds arrive; it visits the expiry groups
  // (bounded by the window's length in time units) and deletes only expired members.
  #purge(now: number): void {
    if (now < this.#nextPurge) return;
    this.#nextPurge = now + 1;
    for (const [expiresAt, members] of this.#byExpiry) {
      if (expiresAt >= now) continue;
      this.#byExpiry.delete(expiresAt);
      for (const member of members) if (this.#expiries.get(member) === expiresAt) this.#expiries.delete(member);
    }
  }
}
