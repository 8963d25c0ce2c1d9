// Recall fallback (missing a place is far worse than flagging a word): a
// capitalised word right after a place preposition (в Купчино, на Уралмаше, to Butovo,
// à Revda) is flagged when nothing else claimed it and it is not a known non-place.
import type { PlaceKind } from './types.ts';
import type { Token } from './_text.ts';
import { joins } from './_text.ts';
import { STOP_WORDS, PERSON_NAMES, COMMON_WORDS, MONTHS_AND_DAYS } from './_lexicon.ts';
import { isPrep, stemsOf } from './_match-gazetteer.ts';
import { afterPersonCue, isContraction, isCompany, isEventName, isHoliday, isStreetByPerson, namesTheNounAfter, BETWEEN_PREP_AND_NAME } from './_context.ts';
import { isKnownFirstName } from './_people.ts';

export interface FallbackSpan { first: number; last: number; kind: PlaceKind }

// Acronyms that are organisations of the state, media or common nouns, not places.
const NOT_PLACE_ACRONYMS = new Set('цнап тцк рацс дмс пфу дцзн ржд мфо тсж лгбт лгбтк фсб мвд мфц загс оон рф сша ссср вич спид егэ огэ дпс гибдд омон чоп ип ооо жкх уфмс вк жэк кпз ивс сизо сізо осбб осмд мчс рпц нко сми тв ок лс мрт узи эко пнд овд увд гувд сбу атб цпкио ес нато сво зсу всу пдд vpn lgbt lgbtq usa ussr hiv aids fsb kgb sms dm ok tv pdf covid ngo'.split(' '));
// University-like acronyms (КФУ, МГУ, СПбГУ, УрФУ, МГИМО, ВШЭ): institutions (СБУ is a service).
const UNI_ACRONYM = /^(?:[А-ЯЁІЇЄ][А-ЯЁІЇЄа-яё]{0,4}(?:У|ГУ|ТУ|ФУ|ТИ|МИ|ИИ|ГИ)|МГИМО|ВШЭ|РУДН|РАНХиГС|КПІ|КНУ|ЛНУ|ХНУ)$/;

export function isUniversityAcronym(raw: string): boolean {
  return raw.length >= 3 && raw.length <= 7 && UNI_ACRONYM.test(raw) && raw !== raw.toLowerCase() && !NOT_PLACE_ACRONYMS.has(raw.toLowerCase());
}

/** CamelCase Cyrillic brands of employers (АвтоВАЗ, КамАЗ): institutions. One lower-case letter
 * inside an acronym (ПрЭП) is an abbreviation of words, not a brand. */
export function isCamelBrand(raw: string): boolean {
  return /^[А-ЯЁ][а-яё]{2,}[А-ЯЁ]{2,}[а-яё]{0,3}$/.test(raw) && !NOT_PLACE_ACRONYMS.has(raw.toLowerCase());
}

/** Acronym part of a word with a case ending (ЦНАПі, МФЦшке → цнап, мфц), else the word. */
function acronymOf(raw: string): string {
  const m = /^(\p{Lu}{2,})\p{Ll}{0,4}$/u.exec(raw);
  return (m?.[1] ?? raw).toLowerCase();
}

/** The place preposition governing token i, directly or across "самой"/"the" (до самой Гороховой, by the Neva). */
function prepBefore(text: string, tokens: Token[], i: number, langs: string[]): Token | null {
  const prev = tokens[i - 1];
  if (!prev || !adjacent(text, prev, tokens[i]!)) return null;
  if (isPrep(tokens, i - 1, langs)) return prev;
  const pp = tokens[i - 2];
  if (pp && BETWEEN_PREP_AND_NAME.has(prev.norm) && isPrep(tokens, i - 2, langs) && adjacent(text, pp, prev)) return pp;
  return null;
}

/** Next words of one phrase, French elision included (près d'Ostankino, de l'Opéra). */
function adjacent(text: string, a: Token, b: Token): boolean {
  return joins(text, a, b) || (a.raw.length === 1 && /^['’]$/.test(text.slice(a.end, b.start)));
}

// Chat style writes district names in lower case (живу в купчино, из строгино): a Russian
// place suffix that does not decline (-ово, -ево, -ино, -ыно) on a word of six letters or more
// after a preposition. The few common words of that shape are listed.
const INDECLINABLE_PLACE = /^[а-яё]{3,}(?:ово|ево|ино|ыно)$/;
const NOT_INDECLINABLE_PLACE = new Set('дерево казино пианино домино кимоно чрево олово здорово готово сукно полотно волокно'.split(' '));

function isLowerCaseDistrict(text: string, tokens: Token[], i: number, langs: string[]): boolean {
  const t = tokens[i]!;
  return t.cyr && !t.cap && !t.upper && INDECLINABLE_PLACE.test(t.norm) && !NOT_INDECLINABLE_PLACE.has(t.norm) && !!prepBefore(text, tokens, i, langs);
}

// "Уралмаш — не то место", "Автово — район, где": a sentence that opens by defining its first
// word as a place (a dash, a few words, a place noun).
const DEFINED_AS_PLACE = /^\s*[—–-]\s+(?:[\p{L}-]+\s+){0,3}(?:место|района?|город|городок|посёлок|поселок|село|деревня|микрорайон|улица|місце|місто|містечко|селище|вулиця|quartier|ville|village|neighbou?rhood|district|town|area|place)(?![\p{L}])/iu;

function definedAsPlace(text: string, t: Token): boolean {
  return t.cap && !COMMON_WORDS.has(t.norm) && !STOP_WORDS.has(t.norm) && !PERSON_NAMES.has(t.norm) && DEFINED_AS_PLACE.test(text.slice(t.end, t.end + 60));
}

// "через Viber", "у Signal", "з Monobank": a Latin word after a Cyrillic preposition is an app,
// a bank or a brand; a known city written in Latin (в Berlin) is the gazetteer's, not the fallback's.
function isLatinAfterCyrillicPrep(prev: Token, t: Token): boolean {
  return prev.cyr && !t.cyr;
}

export function fallbackSpans(text: string, tokens: Token[], taken: (i: number) => boolean, langs: string[]): FallbackSpan[] {
  const out: FallbackSpan[] = [];
  const cache = new Map<number, string[]>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || taken(i)) continue;
    if (t.cyr && (isUniversityAcronym(t.raw) || isCamelBrand(t.raw.replace(/(?:а|е|у|ом|ом)$/, '')))) {
      out.push({ first: i, last: i, kind: 'institution' });
      continue;
    }
    if (isLowerCaseDistrict(text, tokens, i, langs)) {
      out.push({ first: i, last: i, kind: 'district' });
      continue;
    }
    if (!(t.cap || t.upper) || isContraction(t.raw)) continue;
    if ((t.sentStart || i === 0) && definedAsPlace(text, t)) {
      out.push({ first: i, last: i, kind: 'district' });
      continue;
    }
    if (t.sentStart || i === 0) continue;
    const prev = prepBefore(text, tokens, i, langs);
    if (!prev || isLatinAfterCyrillicPrep(prev, t)) continue;
    // "с Артёмом", "з Андрієм", "with Nancy": company, not a place; "День Победы": a holiday.
    // "on Sundays": a plural day name is a time.
    if (!t.cyr && MONTHS_AND_DAYS.has(t.norm.replace(/s$/, ''))) continue;
    if (prev.norm === 'with' || isEventName(t) || isCompany(tokens, i) || isHoliday(tokens, i) || afterPersonCue(tokens, i) || namesTheNounAfter(text, tokens, i)) continue;
    if (isStreetByPerson(text, tokens, i) && !taken(i + 1)) {
      out.push({ first: i, last: i + 1, kind: 'street' });
      i += 1;
      continue;
    }
    const stems = stemsOf(tokens, cache, i);
    if (COMMON_WORDS.has(t.norm) || isKnownFirstName(t) || stems.some((s) => STOP_WORDS.has(s) || PERSON_NAMES.has(s))) continue;
    if (NOT_PLACE_ACRONYMS.has(acronymOf(t.raw))) continue;
    // ЗСУ, ВЛК, RER: an acronym with no place head before it (those are the patterns') names an
    // organisation, a board or a network.
    if (t.upper) continue;
    let last = i;
    while (last - i < 2) {
      const a = tokens[last], b = tokens[last + 1];
      if (!a || !b || taken(last + 1) || !(b.cap || b.upper) || !joins(text, a, b)) break;
      if (STOP_WORDS.has(b.norm)) break;
      last++;
    }
    const kind: PlaceKind = prev.norm === 'на' ? 'district' : 'town';
    out.push({ first: i, last, kind });
    i = last;
  }
  return out;
}
