// Misspelling-tolerant keys for Cyrillic names. Real messages spell unstressed vowels as they
// sound (магнитагорск, таганроги, Масква), drop or double consonants (Новочеркаск) and lose
// soft signs. Both the gazetteer stem and the word's stems are reduced to the same skeleton;
// only used when no exact key matched, and only for places large enough to be worth the risk.

/** Places at least this large (or curated aliases) get a misspelling key. */
export const FUZZY_MIN_POP = 15_000;
/** Shorter skeletons collide with ordinary words. */
export const FUZZY_MIN_LEN = 5;

const VOWEL_CLASS: Record<string, string> = { о: 'а', е: 'и', э: 'и', я: 'и', і: 'и', ы: 'и' };

/** Skeleton of a folded Cyrillic stem: о/а and е/и/я/э/і/ы merged, ь/ъ dropped, doubles single. */
export function fuzzySkeleton(stem: string): string {
  let out = '';
  for (const ch of stem) {
    if (ch === 'ь' || ch === 'ъ' || ch === "'") continue;
    const c = VOWEL_CLASS[ch] ?? ch;
    if (c !== out.charAt(out.length - 1)) out += c;
  }
  return out;
}
