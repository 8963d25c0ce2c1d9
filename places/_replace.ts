// Replacement suggestions: the same place gets the same replacement throughout a story,
// countries are kept. A gazetteer place becomes a generalisation in the story's language
// ("[городе на Урале]", "[a city in Siberia]", "[une ville de l'Oural]"); a phrase with a head
// word keeps the head and hides the name ("улице N", "X Street", "café « X »"); Russian and
// Ukrainian placeholders take the case the original word had, so the sentence still reads.
import type { PlaceKind, ReplacedSpan, Span } from './types.ts';
import type { Token } from './_text.ts';
import { fold, tokenize } from './_text.ts';
import { wordStems } from './_morph.ts';
import type { Place } from './_gazetteer-types.ts';
import type { Area } from './_regions.ts';
import { kindLabel } from './_kinds.ts';
import { stripInvisible } from './_normalise.ts';
import { detectorLanguage } from './_languages.ts';
import type { DetectorLanguage } from './_languages.ts';

type Case = 0 | 1 | 2 | 3 | 4 | 5; // nom gen dat acc ins loc
type Lang = DetectorLanguage;

/** Lemma id of a span without a gazetteer id: same words in any case → same id. */
export function placeIdFor(s: Span, _text: string, keyTokens: Token[]): string {
  const words = keyTokens.length ? keyTokens : tokenize(s.text);
  const lemma = words.map((t) => (t.cyr ? shortest(wordStems(t.norm)) : t.norm)).join(' ');
  return `n:${lemma || fold(s.text)}`;
}

function shortest(xs: string[]): string {
  return xs.reduce((a, b) => (b.length < a.length ? b : a), xs[0] ?? '');
}

const AREAS: Record<Lang, Partial<Record<Area, string>>> = {
  ru: { ural: 'на Урале', siberia: 'в Сибири', fareast: 'на Дальнем Востоке', volga: 'в Поволжье', south: 'на юге России', caucasus: 'на Кавказе', centre: 'в центральной России', northwest: 'на северо-западе России', north: 'на севере России', ua: 'в Украине', crimea: 'в Крыму' },
  uk: { ural: 'на Уралі', siberia: 'в Сибіру', fareast: 'на Далекому Сході', volga: 'у Поволжі', south: 'на півдні Росії', caucasus: 'на Кавказі', centre: 'у центральній Росії', northwest: 'на північному заході Росії', north: 'на півночі Росії', ua: 'в Україні', crimea: 'у Криму' },
  en: { ural: 'in the Urals', siberia: 'in Siberia', fareast: 'in the Russian Far East', volga: 'in the Volga region', south: 'in southern Russia', caucasus: 'in the Caucasus', centre: 'in central Russia', northwest: 'in north-western Russia', north: 'in northern Russia', ua: 'in Ukraine', crimea: 'in Crimea' },
  fr: { ural: "de l'Oural", siberia: 'de Sibérie', fareast: "de l'Extrême-Orient russe", volga: 'de la Volga', south: 'du sud de la Russie', caucasus: 'du Caucase', centre: 'du centre de la Russie', northwest: 'du nord-ouest de la Russie', north: 'du nord de la Russie', ua: "d'Ukraine", crimea: 'de Crimée' },
};

const KEY_LETTERS: Record<Lang, string[]> = { ru: ['N', 'M', 'K', 'P', 'R'], uk: ['N', 'M', 'K', 'P', 'R'], en: ['X', 'Y', 'Z', 'W', 'V'], fr: ['X', 'Y', 'Z', 'W', 'V'] };

const GEN_PREPS = new Set('из от до у около возле близ вблизи после для без напротив из-под кроме з із зі від біля коло поблизу навпроти'.split(' '));
const INS_PREPS = new Set('под над за перед между с со під між'.split(' '));
const DAT_PREPS = new Set('к ко по'.split(' '));
const LOC_PREPS = new Set('в во на о об при у'.split(' '));

/** Grammatical case of a Cyrillic span, from the preposition before it and its own ending. */
export function caseOf(text: string, s: Span, lang: 'ru' | 'uk'): Case {
  const before = text.slice(Math.max(0, s.start - 16), s.start);
  const prep = fold(/([\p{L}-]+)\s*$/u.exec(stripInvisible(before))?.[1] ?? '');
  const w = fold(/^[\p{L}'’ʼ-]+/u.exec(stripInvisible(s.text))?.[0] ?? '');
  const ins = /(?:ом|ем|ой|ей|ью|ою|ею|ами|ями|им|ым)$/.test(w);
  if (lang === 'uk' && prep === 'у' || LOC_PREPS.has(prep)) {
    if (prep === 'у' && lang === 'ru') return 1;
    return /(?:е|и|і|у|ах|ях|ом|ій|ім)$/.test(w) && !/(?:ое|ие|ые)$/.test(w) ? 5 : 3;
  }
  if (GEN_PREPS.has(prep)) return 1;
  if (INS_PREPS.has(prep)) return ins ? 4 : prep === 'с' || prep === 'со' ? 1 : 3;
  if (DAT_PREPS.has(prep)) return 2;
  if (ins) return 4;
  return 0;
}

function langOf(lang: string, text: string): Lang {
  const l = detectorLanguage(lang);
  if (l) return l;
  if (/[іїєґ]/i.test(text)) return 'uk';
  if (/[\u0400-\u04ff]/.test(text)) return 'ru';
  return /\b(?:le|la|les|et|je|une|dans)\b/i.test(text) ? 'fr' : 'en';
}

function demonymReplacement(written: string, lang: Lang): string {
  const word = stripInvisible(written);
  const w = fold(word);
  if (lang === 'ru' || lang === 'uk') {
    const end = /(?:ьск|ск|цьк|цк)(\p{L}*)$/u.exec(w)?.[1] ?? 'ий';
    const ru: Record<string, string> = { ий: 'ый', ие: 'ые', их: 'ых', им: 'ым', ими: 'ыми' };
    const local = lang === 'ru' ? 'местн' + (ru[end] ?? end) : 'місцев' + end;
    return word.charAt(0) === word.charAt(0).toUpperCase() ? local.charAt(0).toUpperCase() + local.slice(1) : local;
  }
  if (lang === 'fr') return /s$/.test(w) ? (/es$/.test(w) ? 'locales' : 'locaux') : /e$/.test(w) ? 'locale' : 'local';
  return /s$/.test(w) ? 'locals' : 'local';
}

function generic(kind: PlaceKind, lang: Lang, c: Case, place: Place | undefined): string {
  const label = kindLabel(kind);
  const head = lang === 'en' || lang === 'fr' ? label[lang] : label[lang][c] ?? label[lang][0] ?? '';
  const area = place ? AREAS[lang][place.area] : undefined;
  return area && (kind === 'city' || kind === 'town' || kind === 'region') ? `${head} ${area}` : head;
}

/**
 * A person becomes the initial of their name («Аня» → «А.», Иван Петрович → «И.»); the same
 * person keeps it, another person with that initial gets more letters («Ан.», «Ал.»).
 */
function personInitial(id: string, initials: Map<string, string>): string {
  const known = initials.get(id);
  if (known) return known;
  const name = id.replace(/^p:/, '');
  const used = new Set(initials.values());
  let n = 1, repl = `${name.slice(0, 1).toUpperCase()}.`;
  while (used.has(repl)) repl = n < name.length ? `${name.slice(0, ++n)}.` : `${repl.slice(0, -1)}${n++}.`;
  initials.set(id, repl);
  return repl;
}

/**
 * A replacement for every span (countries: the original text, keep). Deterministic: the same
 * place (placeId) gets the same wording, different places never share one.
 */
export function suggest(text: string, lang: string, spans: Span[], places: Map<string, Place>): ReplacedSpan[] {
  const L = langOf(lang, text);
  const byId = new Map<string, { base: string; letter?: string }>();
  const usedBases = new Map<string, number>();
  const letters = new Map<string, string>();
  const initials = new Map<string, string>();
  const out: ReplacedSpan[] = [];
  for (const s of spans) {
    if (s.keep || s.kind === 'country') { out.push({ ...s, replacement: s.text }); continue; }
    if (s.kind === 'demonym_adj') { out.push({ ...s, replacement: demonymReplacement(s.text, L) }); continue; }
    if (s.kind === 'contact') { out.push({ ...s, replacement: L === 'ru' ? '[контакт удалён]' : L === 'uk' ? '[контакт видалено]' : L === 'fr' ? '[contact supprimé]' : '[contact removed]' }); continue; }
    if (s.kind === 'person') { out.push({ ...s, replacement: personInitial(s.placeId ?? s.text, initials) }); continue; }
    if (s.kind === 'street_number') { out.push({ ...s, replacement: s.text.replace(/\d+[\p{L}]?(?:\/\d+)?/gu, 'N') }); continue; }
    const id = s.placeId ?? `n:${fold(s.text)}`;
    if (s.key && (s.key.start > s.start || s.key.end < s.end)) {
      // Keep the head word ("улице", "Street", "café « »"), hide the name.
      let letter = letters.get(id);
      if (!letter) {
        const pool = KEY_LETTERS[L];
        const n = letters.size;
        letter = (pool[n % pool.length] ?? 'X') + (n >= pool.length ? String(Math.floor(n / pool.length) + 1) : '');
        letters.set(id, letter);
      }
      const repl = text.slice(s.start, s.key.start) + letter + text.slice(s.key.end, s.end);
      out.push({ ...s, replacement: repl });
      continue;
    }
    const place = s.placeId ? places.get(s.placeId) : undefined;
    const c: Case = L === 'ru' || L === 'uk' ? caseOf(text, s, L) : 0;
    let entry = byId.get(id);
    if (!entry) {
      const base = generic(s.kind, L, 0, place);
      const n = (usedBases.get(base) ?? 0) + 1;
      usedBases.set(base, n);
      entry = { base, ...(n > 1 ? { letter: String(n) } : {}) };
      byId.set(id, entry);
    }
    const phrase = generic(s.kind, L, c, place);
    out.push({ ...s, replacement: `[${phrase}${entry.letter ? ` ${entry.letter}` : ''}]` });
  }
  return out;
}
