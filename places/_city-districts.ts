// A district named right after the city it belongs to: "Glasgow's Govan", "Montreal's Gay
// Village" (the city's possessive), "Berlin (Wedding)" (a capitalised name in brackets).
// The city is known (the gazetteer found it); the name after it is the district.
import { COMMON_WORDS, STOP_WORDS } from './_lexicon.ts';
import { fold } from './_text.ts';

export interface CityDistrict { start: number; end: number }

const WORD = String.raw`\p{Lu}[\p{L}'’-]{1,30}`;
const POSSESSIVE_DISTRICT = new RegExp(String.raw`^['’]s\s+(${WORD}(?:\s+${WORD}){0,2})(?![\p{L}\p{N}])`, 'u');
const BRACKETED_DISTRICT = new RegExp(String.raw`^\s?\(\s*(${WORD}(?:\s+${WORD}){0,2})\s*\)`, 'u');

/** The district after a known city ending at `cityEnd`, if any. */
export function districtAfterCity(text: string, cityEnd: number): CityDistrict | null {
  const after = text.slice(cityEnd, cityEnd + 80);
  const m = POSSESSIVE_DISTRICT.exec(after) ?? BRACKETED_DISTRICT.exec(after);
  const name = m?.[1];
  if (!m || !name) return null;
  // "Paris's Other …": a name of common or function words alone is no district (Gay Village is).
  if (name.split(/\s+/).every((w) => COMMON_WORDS.has(fold(w)) || STOP_WORDS.has(fold(w)))) return null;
  const start = cityEnd + m[0].indexOf(name);
  return { start, end: start + name.length };
}
