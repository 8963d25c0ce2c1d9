// Small curated word lists (data/lexicon.json): countries (kept by policy), stop words that look
// like places, person names that are also towns, the place prepositions of each language, and
// common words that open sentences. Edit the data file; this module only shapes it.
import data from './data/lexicon.json' with { type: 'json' };

/** Every word of a group of space-separated lines. */
export function wordsOf(lines: string[] | Record<string, string[]>): string[] {
  const all = Array.isArray(lines) ? lines : Object.values(lines).flat();
  return all.flatMap((l) => l.split(/\s+/)).filter(Boolean);
}

/** Countries; detected as kind `country` with keep: true. Continents are STOP_WORDS: broader
 * than a country, never replaced, and not annotated as places. */
export const COUNTRIES: string[] = data.countries;

/** Capitalised words that are not places even after a preposition (lower-cased, folded). */
export const STOP_WORDS = new Set<string>(wordsOf(data.stopWords));

/** Months and days: stop words alone, but names after a head word (проспект Октября, улица 8 Марта). */
export const MONTHS_AND_DAYS = new Set<string>(wordsOf(data.stopWords['months and days (ru, uk, en, fr)']));

/** Person names that are also towns (Надежда, Анна, Артём, Nancy): only a place after a place preposition. */
export const PERSON_NAMES = new Set<string>(wordsOf(data.personNames));

/** Place prepositions (folded): a capitalised word after one of them is probably a place. */
export const PLACE_PREPS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(data.placePrepositions).map(([lang, words]) => [lang, new Set(wordsOf([words]))]),
);

/**
 * Frequent Russian/Ukrainian words that open sentences and happen to be inflected forms of
 * small foreign towns (Потом ~ Поти, Какой ~ Кака). Folded whole words.
 */
export const COMMON_WORDS = new Set<string>(wordsOf(data.commonWords));
