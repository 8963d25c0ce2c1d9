// People in a story (kind `person`, reviewed like places but scored apart from them): first
// names and their diminutives (data/people.json, any case: Аня, Ани, Аней), patronymics
// (Петрович, Іванівна) and the surname right after a first name. A name that is also a common
// word (Вера, Роман, Will) counts only capitalised inside a sentence; words a place matcher took
// stay places. Each person gets one id for every form of their name (Аня and Анна are one).
import data from './data/people.json' with { type: 'json' };
import type { Token } from './_text.ts';
import { fold, isCyrillic, joins, tokenize } from './_text.ts';
import { nameKeys, wordKeys } from './_morph.ts';
import { COMMON_WORDS } from './_lexicon.ts';

export interface PersonSpan { first: number; last: number; id: string; name: string }

interface Entry { group: number; canonical: string; ambiguous: boolean }

const PATRONYMIC = /^\p{Lu}\p{Ll}+(?:ович|евич|ич|овна|евна|ична|инична|ьевич|ійович|івна|ївна|ович)(?:а|у|ем|ом|е|ой|ы|и|і|ою|ею|ем|у)?$/u;
const AMBIGUOUS = new Set(data.ambiguous.split(/\s+/));

let shared: PeopleIndex | null = null;

/** The first names of data/people.json, indexed once per process. */
export function peopleIndex(): PeopleIndex {
  shared ??= new PeopleIndex();
  return shared;
}

/** Is the token a first name of data/people.json? (The place matcher asks: Оле is Оля, not a town.) */
export function isKnownFirstName(t: Token): boolean {
  return peopleIndex().lookup(t) !== null;
}

/** First names of data/people.json by index key (Cyrillic: inflection keys; Latin: folded word). */
export class PeopleIndex {
  private readonly byKey = new Map<string, Entry>();

  constructor() {
    let group = 0;
    for (const line of [...data.cyrillic, ...data.latin]) {
      const forms = line.split(/\s+/).filter(Boolean);
      const canonical = forms[0] ?? '';
      for (const form of forms) {
        const f = fold(form);
        const entry = { group, canonical, ambiguous: AMBIGUOUS.has(f) };
        // Names in -ій/-ий are nouns here, not adjectives: Андрій, Андрія, Андрієм share "андрі".
        const keys = isCyrillic(f) ? [...nameKeys(f), ...(f.endsWith('й') ? [`${f.slice(0, -1)}|й`] : [])] : [`${f}|=`];
        for (const k of keys) if (!this.byKey.has(k)) this.byKey.set(k, entry);
      }
      group++;
    }
  }

  lookup(t: Token): Entry | null {
    for (const k of t.cyr ? wordKeys(t.norm) : [`${t.norm}|=`]) {
      const e = this.byKey.get(k);
      if (e) return e;
    }
    return null;
  }
}

/** Does a phrase open with a first name (Верой Надеждиной, Marie qui)? Rules veto such names. */
export function startsWithFirstName(phrase: string): boolean {
  const first = tokenize(phrase)[0];
  return !!first && isKnownFirstName(first);
}

function isPatronymic(t: Token): boolean {
  return t.cyr && PATRONYMIC.test(t.raw);
}

/** Person spans over tokens no place took (`taken`), in text order. */
export function personSpans(text: string, tokens: Token[], taken: (i: number) => boolean, index: PeopleIndex): PersonSpan[] {
  const out: PersonSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.cap || t.upper || taken(i) || COMMON_WORDS.has(t.norm)) continue;
    const entry = index.lookup(t);
    const patronymic = !entry && isPatronymic(t);
    if (!entry && !patronymic) continue;
    if (entry?.ambiguous && t.sentStart) continue;
    let first = i, last = i;
    // Геннадий Павлович: a first name the table lacks, before a patronymic.
    const before = tokens[i - 1];
    if (patronymic && before && before.cap && !before.upper && !taken(i - 1) && joins(text, before, t) && out[out.length - 1]?.last !== i - 1) first = i - 1;
    // Иван Петрович; Анна Королёва: a patronymic or a surname right after the first name.
    const next = tokens[i + 1];
    if (entry && next && next.cap && !next.upper && !next.sentStart && !taken(i + 1) && joins(text, t, next) && !index.lookup(next)) {
      last = i + 1;
      const after = tokens[i + 2];
      if (isPatronymic(next) && after && after.cap && !after.sentStart && !taken(i + 2) && joins(text, next, after)) last = i + 2;
    }
    const name = entry?.canonical ?? t.raw.replace(/(?:а|у|ем|ом|е|ой|ы|и|і|ою|ею)$/u, '');
    out.push({ first, last, id: `p:${name}`, name });
    i = last;
  }
  return out;
}
