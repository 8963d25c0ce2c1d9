// Find gazetteer names in tokenised text: inflected (stems), multi-word, hyphenated,
// transliterated, slang. Capitalisation and the preceding word decide ambiguous cases
// (Орёл the city vs орёл the bird; Nice vs a nice feeling; Надежда the name).
import type { Gazetteer, NameForm, Place } from './_gazetteer-types.ts';
import { formLength } from './_gazetteer.ts';
import { fold, joins } from './_text.ts';
import type { Token } from './_text.ts';
import { wordStems, demonymBases, anyClassKeys } from './_morph.ts';
import { isDerivedDemonym } from './_demonym-derived.ts';
import { FUZZY_MIN_LEN } from './_fuzzy.ts';
import { WordCache } from './_word-cache.ts';
import { PERSON_NAMES, STOP_WORDS, PLACE_PREPS, COMMON_WORDS } from './_lexicon.ts';
import { DEMONYMS } from './_regions.ts';
import { isKnownFirstName } from './_people.ts';
import { afterPersonCue, isContraction, isCompany, isHoliday, isCommonWordAtStart, isPersonContext, isSurname, isDefined, isStreetByPerson, namesTheNounAfter } from './_context.ts';

export interface GazMatch {
  first: number;
  last: number;
  place: Place;
}

/** Stems of a token, for stop lists (cached by token index). */
export function stemsOf(tokens: Token[], cache: Map<number, string[]>, i: number): string[] {
  let s = cache.get(i);
  if (!s) {
    const t = tokens[i];
    s = !t ? [] : t.cyr ? wordStems(t.norm) : [t.norm];
    cache.set(i, s);
  }
  return s;
}

export function isPrep(tokens: Token[], i: number, langs: string[]): boolean {
  const t = tokens[i];
  if (!t) return false;
  return langs.some((l) => PLACE_PREPS[l]?.has(t.norm));
}

function isFirstName(tokens: Token[], j: number): boolean {
  const t = tokens[j];
  return !!t && (t.cyr ? wordStems(t.norm) : [t.norm]).some((s) => PERSON_NAMES.has(s));
}

function listed(set: Set<string>, stems: string[]): boolean {
  return stems.some((s) => set.has(s));
}

const SMALL_AT_SENTENCE_START = 15_000;
const LOWERCASE_MIN_POP = 100_000;
// A city of a million or more written in Latin letters is trusted in lower case whatever its
// country (in london, à berlin); Cyrillic inflection would turn words into far cities (котом: Kota).
const LOWERCASE_ANY_COUNTRY_POP = 1_000_000;
// Lower-case names are only trusted for the places stories come from (в самаре, из питера).
const LOWERCASE_COUNTRIES = new Set(['RU', 'UA', 'BY', 'KZ', 'GE', 'AM']);
// A French story writes its own country's cities in lower case too (à nantes, de lyon).
const LOWERCASE_COUNTRIES_BY_LANG: Record<string, Set<string>> = { fr: new Set(['FR', 'BE', 'CH']) };

function lowerCaseTrusted(country: string, langs: string[]): boolean {
  return LOWERCASE_COUNTRIES.has(country) || langs.some((l) => LOWERCASE_COUNTRIES_BY_LANG[l]?.has(country));
}
// Large towns named after common nouns: lower-case "на шахте", "на кургане" are the nouns.
const LOWERCASE_NOT_PLACE = new Set(['шахт', 'курган', 'находк', 'мирн', 'советск']);

function accept(tokens: Token[], stems: string[], i: number, form: NameForm, langs: string[], text: string): boolean {
  const t = tokens[i];
  if (!t) return false;
  const multi = formLength(form) > 1;
  const prevIsPrep = i > 0 && isPrep(tokens, i - 1, langs) && joins(text, tokens[i - 1]!, t) ;
  const p = form.place;
  if (isContraction(t.raw)) return false;
  if (t.cap || t.upper) {
    // "с Олей", "з Андрієм": with + instrumental is company; "День Победы" a holiday.
    if (!multi && p.type !== 'country' && (isCompany(tokens, i) || isHoliday(tokens, i))) return false;
    // "судья Иванова", "Анна Королёва": a surname, unless a place preposition governs it.
    if (!multi && p.type !== 'country' && (afterPersonCue(tokens, i) || (!prevIsPrep && isSurname(tokens, i, (j) => isFirstName(tokens, j) || isKnownFirstName(tokens[j]!))))) return false;
    // "на Карла Маркса" is a street (the fallback's), "в Пенсионном фонде" an organisation.
    if (!multi && (isStreetByPerson(text, tokens, i) || namesTheNounAfter(text, tokens, i))) return false;
    if (listed(PERSON_NAMES, stems) && !multi) return (prevIsPrep && !isPersonContext(tokens, i)) || isCityAsSubject(text, tokens, i, p);
    // Another first name (data/people.json) is a town only after a place preposition and only
    // when the town is not tiny (звонила Оле, ответ от Стаса: people; в Казани: a town).
    if (isKnownFirstName(t) && !multi && p.type !== 'country') return prevIsPrep && !isPersonContext(tokens, i) && p.pop >= SMALL_AT_SENTENCE_START;
    if (listed(STOP_WORDS, stems) && !multi) return false;
    if (!multi && (COMMON_WORDS.has(t.norm) || isCommonWordAtStart(text, tokens, i))) return false;
    if (t.sentStart && !multi && p.type === 'town' && p.pop < SMALL_AT_SENTENCE_START && !isDefined(text, tokens, i)) return false;
    // River and lake names are also words and names (Кама Сутра, Сура): not opening a sentence.
    if (t.sentStart && !multi && p.type === 'landmark') return false;
    // Very short names (Ом, Уфа) must not be reached through a long inflected word.
    if (!multi && t.norm.length <= 2 && p.type !== 'country') return false;
    return true;
  }
  // lower case: a curated three-letter short form (мск, спб, екб) is never a word
  if (form.alias && !multi && isAbbreviation(t.norm)) return true;
  // otherwise only well-known places, only after a place preposition (в самаре, из питера)
  if (t.norm.length < 4 || COMMON_WORDS.has(t.norm) || listed(STOP_WORDS, stems) || listed(LOWERCASE_NOT_PLACE, stems)) return false;
  return prevIsPrep && (form.alias || (p.pop >= LOWERCASE_MIN_POP && ((!t.cyr && p.pop >= LOWERCASE_ANY_COUNTRY_POP) || lowerCaseTrusted(p.country, langs))));
}

// "Киров зимой ужасен", "«Киров вам не Европа»": a large city whose stem is a first name (Кир),
// written as the city's own nominative name, opening a sentence or a quotation, is the city — unless a
// past-tense verb follows (Киров сказал: the man).
const PAST_TENSE = /(?:л|ла|ло|ли)$/u;
const SUBJECT_MIN_POP = 100_000;

function isCityAsSubject(text: string, tokens: Token[], i: number, p: Place): boolean {
  const t = tokens[i]!, next = tokens[i + 1];
  if (!t.cyr || p.type !== 'city' || p.pop < SUBJECT_MIN_POP || t.norm !== fold(p.name)) return false;
  // Only a name whose stem, not the word itself, is a person's (Киров: Кир; Владимир stays a man).
  if (PERSON_NAMES.has(t.norm) || isKnownFirstName(t)) return false;
  const opensQuote = /[«"“„]\s*$/u.test(text.slice(Math.max(0, t.start - 2), t.start));
  return (t.sentStart || opensQuote) && !(next && next.cyr && PAST_TENSE.test(next.norm));
}

/** Three letters: how chat writes cities (мск, спб, екб, msk), when the curated table has the form. */
function isAbbreviation(norm: string): boolean {
  return norm.length === 3;
}

function rank(p: Place): number {
  return LOWERCASE_COUNTRIES.has(p.country) ? p.pop * 10 : p.pop;
}

/** All gazetteer matches, longest first at each position, without overlaps. */
export function matchGazetteer(g: Gazetteer, text: string, tokens: Token[], langs: string[], wc = new WordCache(g, 0)): GazMatch[] {
  const out: GazMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    // Names start with a capital; a lower-case one only counts after a place preposition.
    if (!tok.cap && !tok.upper && !isPrep(tokens, i - 1, langs) && !isAbbreviation(tok.norm)) continue;
    const forms = wc.forms(tok.norm, tok.cyr);
    let best: { len: number; form: NameForm } | null = null;
    for (const form of forms) {
      const len = formLength(form);
      if (best && (len < best.len || (len === best.len && rank(form.place) <= rank(best.form.place)))) continue;
      if (!continues(form, tokens, wc, text, i)) continue;
      if (!accept(tokens, wc.stems(tok.norm, tok.cyr), i, form, langs, text)) continue;
      best = { len, form };
    }
    if (!best || best.len < 2) {
      const joined = hyphenJoined(wc, text, tokens, i);
      if (joined) { out.push({ first: i, last: i + 1, place: joined }); i += 1; continue; }
    }
    if (best) {
      const first = qualifiedBy(text, tokens, i, out) ? i - 1 : i;
      out.push({ first, last: i + best.len - 1, place: best.form.place });
      i += best.len - 1;
      continue;
    }
    const fuzzy = fuzzyMatch(wc, tokens, i, langs, text);
    if (fuzzy) out.push({ first: i, last: i, place: fuzzy });
  }
  return out;
}

// Russian/Ukrainian adjective endings of a qualifier before a name (Новую Москву, Старому Крыму).
const QUALIFIER_END = /(?:ая|яя|ую|юю|ой|ей|ый|ий|ое|ее|ого|его|ому|ему|ом|ем|ої|ій|у)$/u;

/** "в Новую Москву": a capitalised adjective right before a place name belongs to the name. */
function qualifiedBy(text: string, tokens: Token[], i: number, out: GazMatch[]): boolean {
  const q = tokens[i - 1];
  if (!q || !q.cyr || !q.cap || q.sentStart || !QUALIFIER_END.test(q.norm) || !joins(text, q, tokens[i]!)) return false;
  return (out[out.length - 1]?.last ?? -1) < i - 1 && text.slice(q.end, tokens[i]!.start) === ' ';
}

/**
 * A name written with a hyphen the gazetteer spells as one word (Кызыл-Орды for Кызылорда,
 * Улан-Батор / Уланбатор): the two capitalised halves are looked up joined, in any case form.
 */
function hyphenJoined(wc: WordCache, text: string, tokens: Token[], i: number): Place | null {
  const a = tokens[i]!, b = tokens[i + 1];
  if (!b || !a.cap || text.slice(a.end, b.start) !== '-' || a.cyr !== b.cyr) return null;
  let best: Place | null = null;
  for (const form of wc.forms(a.norm + b.norm, a.cyr)) {
    if (formLength(form) !== 1 || form.place.type === 'country') continue;
    if (!best || rank(form.place) > rank(best)) best = form.place;
  }
  return best;
}

/**
 * A misspelled one-word name (магнитагорска, таганроги): only after a place preposition or
 * capitalised inside a sentence, and only when no exact name matched.
 */
function fuzzyMatch(wc: WordCache, tokens: Token[], i: number, langs: string[], text: string): Place | null {
  const tok = tokens[i]!;
  if (!tok.cyr || tok.norm.length < FUZZY_MIN_LEN) return null;
  const afterPrep = i > 0 && isPrep(tokens, i - 1, langs) && joins(text, tokens[i - 1]!, tok);
  if (!afterPrep && (tok.sentStart || !tok.cap)) return null;
  let best: Place | null = null;
  for (const form of wc.fuzzy(tok.norm)) {
    if (best && rank(form.place) <= rank(best)) continue;
    if (accept(tokens, wc.stems(tok.norm, true), i, form, langs, text)) best = form.place;
  }
  return best;
}

function continues(form: NameForm, tokens: Token[], wc: WordCache, text: string, i: number): boolean {
  for (let j = 1; j < form.words.length; j++) {
    const t = tokens[i + j];
    const prev = tokens[i + j - 1];
    if (!t || !prev || !joins(text, prev, t)) return false;
    const keys = form.words[j] ?? [];
    if (!wc.keys(t.norm, t.cyr).some((s) => keys.includes(s))) return false;
  }
  return true;
}

// One regexp each instead of a loop over the lists: this runs on every word.
const DEMONYM_CYR = new RegExp(`^(?:${DEMONYMS.filter((d) => !d.endsWith('*')).join('|')})\\p{L}{0,4}$`, 'u');
const DEMONYM_LATIN = new RegExp(`^(?:${DEMONYMS.filter((d) => d.endsWith('*')).map((d) => d.slice(0, -1)).join('|')})`);
const SK_ADJECTIVE = /(?:ск|цк|цьк)\p{L}{1,3}$/u;
const DEMONYM_MIN_POP = 50_000;
// -ск- adjectives that are not about a town (also read by _patterns-cyr.ts).
export const NOT_DEMONYM = new Set('сільськ міськ українськ російськ радянськ англійськ людськ русск российск советск английск французск немецк женск мужск детск городск человеческ морск рабоч армейск божеск дружеск отцовск материнск сельск деревенск студенческ еврейск цыганск кавказск азиатск европейск американск польск чешск шведск датск финск грузинск армянск казахск украинск белорусск литовск латвийск эстонск турецк израильск греческ итальянск испанск японск китайск корейск индийск арабск светск церковн мирск людск вселенск адск райск конск бабск ведьмовск пацанск блатн товарищеск президентск министерск депутатск полицейск чиновничьск маршрутн'.split(' '));

/** Adjectives and inhabitant nouns made from places (казанский, питерская, Muscovite). */
export function matchDemonyms(g: Gazetteer, tokens: Token[], wc = new WordCache(g, 0)): number[] {
  const out: number[] = [];
  const test = (norm: string): boolean => isDemonym(g, norm);
  tokens.forEach((t, i) => {
    if (t.norm.length < 5) return;
    if (!t.cyr) {
      if (DEMONYM_LATIN.test(t.norm) || isDerivedDemonym(wc, t.norm, false)) out.push(i);
      return;
    }
    if (wc.flag(t.norm, test) || isDerivedDemonym(wc, t.norm, true)) out.push(i);
  });
  return out;
}

/** Is a folded Cyrillic word a demonym: listed, or an -ск- adjective of a known place? */
function isDemonym(g: Gazetteer, norm: string): boolean {
  if (DEMONYM_CYR.test(norm)) return true;
  if (!SK_ADJECTIVE.test(norm)) return false;
  const bases = demonymBases(norm);
  if (!bases || bases.some((b) => NOT_DEMONYM.has(b + 'ск') || NOT_DEMONYM.has(b))) return false;
  return bases.some((b) => anyClassKeys(b).flatMap((k) => g.index.get(k) ?? []).some((f) => formLength(f) === 1 && f.place.type !== 'country' && f.place.type !== 'landmark' && (f.alias || f.place.pop >= DEMONYM_MIN_POP)));
}
