// Inhabitant words made from a known city by a suffix, when no list has them: чернівчанка,
// харків'янин (folded харківянин) → Чернівці, Харків; lyonnaise, Marseillais, rennais → Lyon,
// Marseille, Rennes. Only cities of the countries whose language makes the word: elsewhere the
// same suffix makes nationalities (algérien, tunisien: Alger, Tunis).
import type { Place } from './_gazetteer-types.ts';
import type { WordCache } from './_word-cache.ts';

const MIN_POP = 50_000;

interface SuffixRule { re: RegExp; endings: string[]; countries: Set<string> }

const RULES: Record<'cyr' | 'latin', SuffixRule> = {
  // the city's stem, then -чан- (чернівчанка, тамбовчане) or -ян- (харків'янин)
  cyr: { re: /^(\p{L}{3,}?)(?:чан|ян)\p{L}{0,4}$/u, endings: ['', 'ці', 'цы', 'к', 'а'], countries: new Set(['RU', 'UA', 'BY', 'KZ']) },
  // the city without its mute ending, then -ais/-ois/-ien/-ain/-éen with gender and number
  latin: { re: /^(\p{L}{3,}?)(?:ais|ois|ien|ain|een)(?:e|es|s|ne|nes)?$/u, endings: ['', 'e', 'es', 's'], countries: new Set(['FR', 'BE', 'CH']) },
};

export function isDerivedDemonym(wc: WordCache, norm: string, cyr: boolean): boolean {
  const rule = RULES[cyr ? 'cyr' : 'latin'];
  const base = rule.re.exec(norm)?.[1];
  if (!base || base.length < 4) return false;
  // A doubled consonant before the suffix belongs to it: lyonnais → Lyon, but rennais → Rennes.
  const bases = /(\p{L})\1$/u.test(base) ? [base, base.slice(0, -1)] : [base];
  return bases.some((b) => rule.endings.some((e) => wc.forms(b + e, cyr).some((f) => f.words.length === 0 && isCity(f.place, rule.countries))));
}

function isCity(p: Place, countries: Set<string>): boolean {
  return (p.type === 'city' || p.type === 'town') && p.pop >= MIN_POP && countries.has(p.country);
}
