// Per-word memo of what the gazetteer matcher derives from a folded word: lookup keys, stems,
// the index entries they hit, misspelling candidates. Stories repeat most of their words
// (prepositions, pronouns, sentence openers, the same town), so a detector keeps one of these;
// the context checks that decide a match still run on every occurrence.
import type { Gazetteer, NameForm } from './_gazetteer-types.ts';
import { wordKeys, wordStems } from './_morph.ts';
import { fuzzySkeleton, FUZZY_MIN_LEN } from './_fuzzy.ts';

/** Entries per table before it is emptied (bounded memory on long batches). */
const DEFAULT_LIMIT = 50_000;

export class WordCache {
  private readonly keyMap = new Map<string, string[]>();
  private readonly stemMap = new Map<string, string[]>();
  private readonly formMap = new Map<string, NameForm[]>();
  private readonly fuzzyMap = new Map<string, NameForm[]>();
  private readonly flagMap = new Map<string, boolean>();

  /** limit 0: no memo (every call recomputes; the benchmark's worst case). */
  constructor(private readonly g: Gazetteer, private readonly limit = DEFAULT_LIMIT) {}

  /** Index keys of a word ("stem|class" readings for Cyrillic, the word itself for Latin). */
  keys(norm: string, cyr: boolean): string[] {
    return this.memo(this.keyMap, norm, () => (cyr ? wordKeys(norm) : [`${norm}|=`]));
  }

  /** Possible stems of a word, for stop lists. */
  stems(norm: string, cyr: boolean): string[] {
    return this.memo(this.stemMap, norm, () => (cyr ? wordStems(norm) : [norm]));
  }

  /** Every name form whose first word one of the word's keys hits, in key order, once each. */
  forms(norm: string, cyr: boolean): NameForm[] {
    return this.memo(this.formMap, norm, () => {
      const out: NameForm[] = [];
      for (const k of this.keys(norm, cyr)) {
        for (const f of this.g.index.get(k) ?? []) if (!out.includes(f)) out.push(f);
      }
      return out;
    });
  }

  /** One-word names whose misspelling skeleton equals one of the word's stems' (_fuzzy.ts). */
  fuzzy(norm: string): NameForm[] {
    return this.memo(this.fuzzyMap, norm, () => {
      const out: NameForm[] = [];
      for (const s of this.stems(norm, true)) {
        const sk = fuzzySkeleton(s);
        if (sk.length < FUZZY_MIN_LEN) continue;
        for (const f of this.g.fuzzy.get(sk) ?? []) if (!out.includes(f)) out.push(f);
      }
      return out;
    });
  }

  /** A yes/no property of the word alone (is it a demonym?), computed once per word. */
  flag(norm: string, test: (norm: string) => boolean): boolean {
    return this.memo(this.flagMap, norm, () => test(norm));
  }

  private memo<T>(map: Map<string, T>, key: string, make: () => T): T {
    if (this.limit === 0) return make();
    let v = map.get(key);
    if (v === undefined) {
      if (map.size >= this.limit) map.clear();
      v = make();
      map.set(key, v);
    }
    return v;
  }
}
