// Shared machinery of the context patterns (_patterns-cyr.ts, _patterns-en.ts, _patterns-fr.ts):
// a rule is a regexp whose whole match is the place phrase ("улице Баумана") and whose
// `name` group is the identifying key ("Баумана").
import type { PlaceKind } from './types.ts';
import { execAll, fold } from './_text.ts';
import { wordStems } from './_morph.ts';
import { STOP_WORDS, PERSON_NAMES, MONTHS_AND_DAYS } from './_lexicon.ts';

/**
 * One regexp per language and direction; `kinds` maps a named group (k0, k1…) to the kind of
 * the head word it matched. Names sit at the end of a head-before match, at the start of a
 * head-after match, so no match indices are needed.
 */
export interface Rule {
  re: RegExp; kinds: PlaceKind[]; nameAt: 'end' | 'start'; numberKinds: Set<PlaceKind>;
  /** the span is the name alone: the head is a preposition, outside the span (в «Ракету») */
  nameOnly?: boolean;
  /** a name this rule must not take (a person's name in the same shape) */
  veto?: (name: string) => boolean;
}
export interface PatternSpan { start: number; end: number; kind: PlaceKind; keyStart: number; keyEnd: number }

/**
 * Letters, apostrophes and inner hyphens of one capitalised word (Китай-город, Kam'ianets).
 * Bounded (a name has at most a few hyphenated parts of a few dozen letters): an unbounded run
 * is retried from every capital of a long hyphenated chain, which made detection quadratic.
 */
export const CAP = String.raw`\p{Lu}[\p{L}\p{M}'’ʼ]{0,40}(?:-[\p{L}\p{M}'’ʼ]{1,40}){0,4}`;
export const QUOTED = String.raw`[«"“„][^«»"“”„\n]{1,60}?[»"”“]`;
/** A quoted name that starts like a name (« Le Zinc », «Ракета»), not a quoted phrase («такое»). */
const QUOTED_CAP = String.raw`[«"“„]\s?[\p{Lu}\d][^«»"“”„\n]{0,59}?[»"”“]`;
export const NUMBER = String.raw`(?:№|N°|n°|nº|No\.?|Nr\.?|#|номер|numéro)\s?\d+[а-яa-z]?|\d{1,5}(?!\d)(?![:.,]\d)`;
const B = String.raw`(?<![\p{L}\p{N}])`;
/** A number alone names schools and hospitals, not streets (a date does: улица 8 Марта). */
const BARE_NUMBER = new RegExp(`^(?:${NUMBER})$`, 'u');
/** A date or anniversary that names a street, a square or a park: 8 Марта, 50 лет Октября, 30-летия ВЛКСМ, 26 Бакинских Комиссаров. */
export const DATE_NAME = String.raw`\d{1,4}(?:-?[а-яё]{1,3}|-лети[еяюи]|-річч[яюі])?\s+(?:лет\s+)?\p{Lu}[\p{L}'’ʼ-]{1,40}(?:\s+\p{Lu}[\p{L}'’ʼ-]{1,40})?`;

/** First letter matches either case: heads start sentences too. */
export function anyCase(alternatives: string): string {
  return alternatives.split('|').map((a) => {
    const c = a.charAt(0);
    return c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]${a.slice(1)}` : a;
  }).join('|');
}

/** head + name: "улице Баумана", "метро «Китай-город»", "школе № 17", "rue de la Paix". */
export function headBefore(heads: [PlaceKind, string][], name: string, connector = '', numberKinds: PlaceKind[] = []): Rule {
  const gap = connector ? `(?:${connector}\\s*|\\s+)` : '\\s+';
  const alts = heads.map(([, h], i) => `(?<k${i}>${anyCase(h)})`).join('|');
  return { kinds: heads.map(([k]) => k), nameAt: 'end', numberKinds: new Set(numberKinds), re: new RegExp(`${B}(?:${alts})${gap}(?<name>${name})`, 'gu') };
}

/**
 * name + head: "Невскому проспекту", "Gorky Park", "Novosibirsk State University"; an optional
 * `tail` after the head belongs to the phrase ("Городской больнице № 40", "… имени Семашко").
 */
export function headAfter(name: string, heads: [PlaceKind, string][], tail = ''): Rule {
  const alts = heads.map(([, h], i) => `(?<k${i}>${h})`).join('|');
  const t = tail ? `(?:\\s+(?<tail>${tail}))?` : '';
  return { kinds: heads.map(([k]) => k), nameAt: 'start', numberKinds: new Set(), re: new RegExp(`${B}(?<name>${name})\\s+(?:${alts})(?![\\p{L}])${t}`, 'gu') };
}

/** A phrase that is a place by itself, no head word around it ("Палац спорту"). */
export function standalone(kind: PlaceKind, pattern: string): Rule {
  return { kinds: [kind], nameAt: 'start', numberKinds: new Set(), re: new RegExp(`${B}(?<name>(?<k0>${pattern}))(?![\\p{L}])`, 'gu') };
}

/** preposition + quoted name, span = the name: "в «Ракету»", "at "Coffee Bean"", "au « Zinc »". */
export function quotedAfterPrep(kind: PlaceKind, preps: string): Rule {
  return { kinds: [kind], nameAt: 'end', numberKinds: new Set(), nameOnly: true, re: new RegExp(`${B}(?<k0>${anyCase(preps)})\\s+(?<name>${QUOTED_CAP})`, 'gu') };
}

/**
 * preposition + [article] + a lower-case noun + quoted name, span = noun and name: "в антикафе
 * «Циферблат»", "at the coworking "Hub"", "dans le bar-tabac « Le Balto »". The noun is a head
 * word no table has; `notHeads` are the nouns of works, media and groups (в газете «Правда»).
 */
export function quotedAfterHead(preps: string, articles: string, notHeads: string): Rule {
  const article = articles ? `(?:(?:${articles})\\s+|l['’])?` : '';
  return {
    kinds: ['venue'], nameAt: 'end', numberKinds: new Set(),
    re: new RegExp(`(?<=(?:^|[^\\p{L}])(?:${anyCase(preps)})\\s+${article})(?<k0>(?!(?:${notHeads}))\\p{Ll}[\\p{Ll}-]{2,25})\\s+(?<name>${QUOTED_CAP})`, 'gu'),
  };
}

/**
 * A venue or institution word, a few words, then "called" and the name, span = the name: "a bar on
 * Lenin Street called Vodka Room", "кафе у вокзала под названием «Уют»", "un petit bar près du port
 * qui s'appelle Le Phare". Other things are called something too, so the head word must come first.
 */
export function calledAfterHead(heads: string, called: string, name: string): Rule {
  return {
    kinds: ['venue'], nameAt: 'end', numberKinds: new Set(), nameOnly: true,
    re: new RegExp(`${B}(?<k0>${anyCase(heads)})(?![\\p{L}])(?:[\\s,]+[\\p{L}\\p{N}'’-]{1,25}){0,5},?\\s+(?:${called})\\s+(?<name>${name})`, 'gu'),
  };
}

/**
 * preposition + name + an apposition that says what it is, span = the name: "chez Petrovitch, un
 * bar", "at Crumbs, a small café". Without the apposition "chez Marina" is a person's home.
 */
export function namedByApposition(kind: PlaceKind, preps: string, name: string, articles: string, heads: string): Rule {
  const apposition = `,?\\s+(?:${articles})\\s+(?:[\\p{L}-]+\\s+){0,2}(?:${heads})(?![\\p{L}])`;
  return { kinds: [kind], nameAt: 'end', numberKinds: new Set(), nameOnly: true, re: new RegExp(`${B}(?<k0>${anyCase(preps)})\\s+(?<name>${name})(?=${apposition})`, 'gu') };
}

const TOWN_WORD = /^(?:город|міст)/iu;
// A capitalised article after a head word is part of the name (café Le Zinc, bar The Hole, bar Chez Ivan).
const LEADING_ARTICLE = /^(?:Le|La|Les|L['’]|The|Chez)\s*(?=\p{Lu})/u;

const GENERIC = new Set('state federal national medical regional city central technical pedagogical polytechnic municipal main old new great little upper lower north south east west northern southern eastern western grand petit petite vieux nouveau nouvelle'.split(' '));

/** Is the captured name a real name (not a pronoun, month, bare person name or generic word)?
 * `personNameOk`: after "город"/"місто" a first name is the town (в городе Артёме), after a
 * venue word the venue (бар Ровесники, кафе Маша);
 * `monthOk`: after a head word a month names the place (проспект Октября, улица 8 Марта);
 * `genericOk`: after a street word a generic adjective is the name (boulevard National, Central Avenue). */
export function plausibleName(name: string, personNameOk = false, monthOk = false, genericOk = false): boolean {
  if (/^[«"“„]/.test(name) || /\d/.test(name)) return true;
  const words = name.split(/[\s]+/).filter(Boolean);
  const first = fold(words[0] ?? '');
  const stems = /[\u0400-\u04ff]/.test(first) ? wordStems(first) : [first];
  if (stems.some((s) => STOP_WORDS.has(s) && !(monthOk && MONTHS_AND_DAYS.has(s)))) return false;
  if (words.length === 1 && !personNameOk && stems.some((s) => PERSON_NAMES.has(s))) return false;
  return genericOk || !words.every((w) => GENERIC.has(fold(w)));
}

/** Drop leading stop words of a head-after name ("The Lenin Square" → "Lenin Square"); null if none is left. */
function trimLeading(name: string): string | null {
  let n = name;
  while (!plausibleName(n)) {
    const sp = n.search(/\s/);
    if (sp < 0) return null;
    n = n.slice(sp).trimStart();
  }
  return n;
}

const NAMED_WITH_HEAD = new Set<PlaceKind>(['street', 'park']);

function sentenceStartAt(text: string, i: number): boolean {
  return /(?:^|[.!?…]\s*|\n\s*)$/u.test(text.slice(Math.max(0, i - 3), i));
}

/** A capitalised name joined to its head by "de/des/du" (promenade des Anglais) is a name even when it is also a word. */
function connected(match: string, name: string): boolean {
  return /\s(?:des|du|de)\s+$/u.test(match.slice(0, match.length - name.length)) && /^\p{Lu}/u.test(name);
}

export function applyRules(rules: Rule[], text: string): PatternSpan[] {
  const out: PatternSpan[] = [];
  for (const { re, kinds, nameAt, numberKinds, nameOnly, veto } of rules) {
    for (const m of execAll(re, text)) {
      const full = m.groups?.['name'];
      if (!full) continue;
      const ki = kinds.findIndex((_, i) => m.groups?.[`k${i}`] !== undefined);
      const kind = kinds[ki];
      if (!kind) continue;
      const afterTownWord = kind === 'town' && TOWN_WORD.test(m.groups?.[`k${ki}`] ?? '');
      const joined = nameAt === 'end' && connected(m[0], full);
      const name = nameAt === 'start' ? trimLeading(full) : joined || plausibleName(full.replace(LEADING_ARTICLE, ''), afterTownWord || kind === 'venue', true, kind === 'street') ? full : null;
      if (!name || veto?.(name)) continue;
      if (BARE_NUMBER.test(name) && !numberKinds.has(kind)) continue;
      const end = m.index + m[0].length;
      const start = nameOnly ? end - name.length : m.index + full.length - name.length;
      // A capitalised Latin head inside a sentence is part of the name (au Jardin des Plantes).
      // So is a Latin street or park word joined to its name by "de/des/du" (promenade des Anglais);
      // a district or a region keeps its key on the place it is named after (quartier de Kouptchino).
      const headIsName = nameAt === 'end' && !nameOnly && ((/^[A-ZÀ-Þ]/u.test(m.groups?.[`k${ki}`] ?? '') && !sentenceStartAt(text, start)) || (joined && NAMED_WITH_HEAD.has(kind) && !/[\u0400-\u04ff]/u.test(full)));
      let ks = nameAt === 'end' && !headIsName ? end - name.length : start;
      let ke = m.groups?.['tail'] || headIsName ? end : ks + name.length;
      // The key of a quoted name is inside the quotes.
      if (/^[«"“„]/.test(name)) { ks += 1; ke -= 1; while (text.charAt(ks) === ' ') ks++; while (text.charAt(ke - 1) === ' ') ke--; }
      out.push({ start, end, kind, keyStart: ks, keyEnd: ke });
    }
  }
  return out;
}
