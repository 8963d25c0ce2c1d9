// Which chosen span covers each character of the text: overlap checks cost the length of the
// span asked about, not the number of spans chosen so far (the detector stays linear on a
// story with thousands of places).

export class Coverage {
  /** owner[i]: 1 + index of the span covering character i, 0 when none does */
  private readonly owner: Int32Array;

  constructor(length: number) {
    this.owner = new Int32Array(length);
  }

  /** Record that span `index` covers [start, end). */
  mark(start: number, end: number, index: number): void {
    this.owner.fill(index + 1, start, end);
  }

  /** Indexes of the spans covering any character of [start, end), in text order, each once. */
  owners(start: number, end: number): number[] {
    const out: number[] = [];
    for (let i = start; i < end; i++) {
      const o = this.owner[i]!;
      if (o !== 0 && o - 1 !== out[out.length - 1]) out.push(o - 1);
    }
    return out.length > 1 ? [...new Set(out)] : out;
  }

  /** Is any character of [start, end) covered? */
  covered(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.owner[i] !== 0) return true;
    return false;
  }
}
