// Find gazetteer names in tokenised text: inflected (stems), multi-word, hyphenated,
// transliterated, slang. Capitalisation and the preceding word decide ambiguous cases
// (Орёл the city vs орёл the bird; Nice vs a nice feeling; Надежда the name).
import type { Gazetteer, NameForm, Place } from './_gazetteer.ts';
import { formLength } from './_gazetteer.ts';
import { joins } from './_text.ts';
import type { Token } from './_text.ts';
import { wordKeys, wordStems, demonymBases, anyClassKeys } from './_morph.ts';
import { PERSON_NAMES, STOP_WORDS, PLACE_PREPS, COMMON_WORDS } from './_lexicon.ts';
import { DEMONYMS } from './_regions.ts';

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

/** Gazetteer lookup keys of a token (cached by token index). */
function keysOf(tokens: Token[], cache: Map<number, string[]>, i: number): string[] {
  let s = cache.get(i);
  if (!s) {
    const t = tokens[i];
    s = !t ? [] : t.cyr ? wordKeys(t.norm) : [`${t.norm}|=`];
    cache.set(i, s);
  }
  return s;
}

export function isPrep(tokens: Token[], i: number, langs: string[]): boolean {
  const t = tokens[i];
  if (!t) return false;
  return langs.some((l) => PLACE_PREPS[l]?.has(t.norm));
}

function listed(set: Set<string>, stems: string[]): boolean {
  return stems.some((s) => set.has(s));
}

const SMALL_AT_SENTENCE_START = 15_000;
const LOWERCASE_MIN_POP = 100_000;
// Lower-case names are only trusted for the places stories come from (в самаре, из питера).
const LOWERCASE_COUNTRIES = new Set(['RU', 'UA', 'BY', 'KZ', 'GE', 'AM']);

function accept(tokens: Token[], stems: string[], i: number, form: NameForm, langs: string[], text: string): boolean {
  const t = tokens[i];
  if (!t) return false;
  const multi = formLength(form) > 1;
  const prevIsPrep = i > 0 && isPrep(tokens, i - 1, langs) && joins(text, tokens[i - 1]!, t) ;
  const p = form.place;
  if (t.cap || t.upper) {
    if (listed(PERSON_NAMES, stems) && !multi) return prevIsPrep && !(tokens[i - 1]?.norm === 'с');
    if (listed(STOP_WORDS, stems) && !multi) return false;
    if (!multi && (COMMON_WORDS.has(t.norm) || (t.sentStart && !t.upper && COMMON_WORDS.has(t.norm)))) return false;
    // "с Олей", "з Артемом": with + instrumental is company, not a place.
    const prev = tokens[i - 1]?.norm ?? '';
    if (!multi && (prev === 'с' || prev === 'со' || prev === 'з' || prev === 'зі') && /(?:ой|ей|ом|ем|ою|ею|ю)$/.test(t.norm)) return false;
    if (t.sentStart && !multi && p.type === 'town' && p.pop < SMALL_AT_SENTENCE_START) return false;
    // Very short names (Ом, Уфа) must not be reached through a long inflected word.
    if (!multi && t.norm.length <= 2 && p.type !== 'country') return false;
    return true;
  }
  // lower case: only well-known places, only after a place preposition (в самаре, из питера)
  if (t.norm.length < 4 || listed(STOP_WORDS, stems)) return false;
  return prevIsPrep && (form.alias || (p.pop >= LOWERCASE_MIN_POP && LOWERCASE_COUNTRIES.has(p.country)));
}

function rank(p: Place): number {
  return LOWERCASE_COUNTRIES.has(p.country) ? p.pop * 10 : p.pop;
}

/** All gazetteer matches, longest first at each position, without overlaps. */
export function matchGazetteer(g: Gazetteer, text: string, tokens: Token[], langs: string[]): GazMatch[] {
  const cache = new Map<number, string[]>();
  const stemCache = new Map<number, string[]>();
  const out: GazMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    // Names start with a capital; a lower-case one only counts after a place preposition.
    if (!tok.cap && !tok.upper && !isPrep(tokens, i - 1, langs)) continue;
    const keys = keysOf(tokens, cache, i);
    let best: { len: number; form: NameForm } | null = null;
    for (const s of keys) {
      for (const form of g.index.get(s) ?? []) {
        const len = formLength(form);
        if (best && (len < best.len || (len === best.len && rank(form.place) <= rank(best.form.place)))) continue;
        if (!continues(form, tokens, cache, text, i)) continue;
        if (!accept(tokens, stemsOf(tokens, stemCache, i), i, form, langs, text)) continue;
        best = { len, form };
      }
    }
    if (best) {
      out.push({ first: i, last: i + best.len - 1, place: best.form.place });
      i += best.len - 1;
    }
  }
  return out;
}

function continues(form: NameForm, tokens: Token[], cache: Map<number, string[]>, text: string, i: number): boolean {
  for (let j = 1; j < form.words.length; j++) {
    const t = tokens[i + j];
    const prev = tokens[i + j - 1];
    if (!t || !prev || !joins(text, prev, t)) return false;
    const keys = form.words[j] ?? [];
    if (!keysOf(tokens, cache, i + j).some((s) => keys.includes(s))) return false;
  }
  return true;
}

// One regexp each instead of a loop over the lists: this runs on every word.
const DEMONYM_CYR = new RegExp(`^(?:${DEMONYMS.filter((d) => !d.endsWith('*')).join('|')})\\p{L}{0,4}$`, 'u');
const DEMONYM_LATIN = new RegExp(`^(?:${DEMONYMS.filter((d) => d.endsWith('*')).map((d) => d.slice(0, -1)).join('|')})`);
const SK_ADJECTIVE = /(?:ск|цк|цьк)\p{L}{1,3}$/u;
const DEMONYM_MIN_POP = 50_000;
// -ск- adjectives that are not about a town.
const NOT_DEMONYM = new Set('русск российск советск английск французск немецк женск мужск детск городск человеческ морск рабоч армейск божеск дружеск отцовск материнск сельск деревенск студенческ еврейск цыганск кавказск азиатск европейск американск польск чешск шведск датск финск грузинск армянск казахск украинск белорусск литовск латвийск эстонск турецк израильск греческ итальянск испанск японск китайск корейск индийск арабск светск церковн мирск людск вселенск адск райск конск бабск ведьмовск пацанск блатн товарищеск президентск министерск депутатск полицейск чиновничьск маршрутн'.split(' '));

/** Adjectives and inhabitant nouns made from places (казанский, питерская, Muscovite). */
export function matchDemonyms(g: Gazetteer, tokens: Token[]): number[] {
  const out: number[] = [];
  tokens.forEach((t, i) => {
    if (t.norm.length < 5) return;
    if (!t.cyr) {
      if (DEMONYM_LATIN.test(t.norm)) out.push(i);
      return;
    }
    if (DEMONYM_CYR.test(t.norm)) { out.push(i); return; }
    if (!SK_ADJECTIVE.test(t.norm)) return;
    const bases = demonymBases(t.norm);
    if (!bases || bases.some((b) => NOT_DEMONYM.has(b + 'ск') || NOT_DEMONYM.has(b))) return;
    const hit = bases.some((b) => anyClassKeys(b).flatMap((k) => g.index.get(k) ?? []).some((f) => formLength(f) === 1 && f.place.type !== 'country' && (f.alias || f.place.pop >= DEMONYM_MIN_POP)));
    if (hit) out.push(i);
  });
  return out;
}
