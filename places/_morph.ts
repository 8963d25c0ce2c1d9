// Inflection-insensitive keys for Russian and Ukrainian names (all six cases and
// both numbers). Instead of a dictionary, both sides are reduced to a stem: a gazetteer name
// loses its nominative ending (Казань → казан, Нижний → нижн), a word of the text yields every
// stem its case endings allow (Казанью → казан, Нижньому → нижн). A name matches when one of
// the word's stems equals one of the name's stems. All input is folded (see _text.ts).

const VOWELS = 'аеиоуыэюяі';
const isVowel = (c: string): boolean => VOWELS.includes(c);

// Nominative classes: the ending a name loses in the index ('' = consonant). A case ending of
// the text only matches the classes it can inflect (Поти + -ом is not a form, Орёл + -а is),
// which keeps short stems from matching ordinary words (Потом ≠ Поти).
const ADJ_CLASSES = ['ий', 'ый', 'ой', 'ій', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'а', 'і', 'е'];
const PLURAL = ['ы', 'и', 'і'];
const COMPAT: Record<string, string[]> = {
  '': ['', 'ы', 'и', 'і'],
  а: ['', 'а', 'о', 'е', 'й', 'ая'], я: ['ь', 'я', 'е', 'й', 'яя'], у: ['', 'а', 'о', 'у', 'й'], ю: ['ь', 'я', 'й', 'е'],
  е: ['', 'а', 'я', 'о', 'е', 'й', 'ь', 'ое', 'ее'], и: ['ь', 'а', 'я', 'и', 'ы', 'ие'], ы: ['а', 'ы', 'ые'],
  і: ['', 'а', 'я', 'ь', 'і', 'и', 'о', 'е', 'й', 'ій'], о: ['о'], ь: ['ь'], й: ['й', 'ий', 'ый', 'ой', 'ій'],
  ом: ['', 'о', 'й', ...ADJ_CLASSES], ем: ['ь', 'е', 'й', ...ADJ_CLASSES], ой: ['а', ...ADJ_CLASSES], ей: ['я', 'ь', 'а', ...ADJ_CLASSES],
  ью: ['ь'], ою: ['а', 'я', ...ADJ_CLASSES], ею: ['я', 'ь', ...ADJ_CLASSES],
  ов: PLURAL, ев: PLURAL, ів: PLURAL, ам: PLURAL, ям: PLURAL, ами: PLURAL, ями: PLURAL, ах: PLURAL, ях: PLURAL, ьми: PLURAL,
};
for (const e of ['ого', 'его', 'ому', 'ему', 'ым', 'им', 'ых', 'их', 'ыми', 'ими', 'ую', 'юю', 'ій', 'ий', 'ый', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ім', 'іх', 'оі', 'еі']) {
  COMPAT[e] = [...new Set([...(COMPAT[e] ?? []), ...ADJ_CLASSES])];
}
export const ALL_CLASSES = ['', 'а', 'я', 'о', 'е', 'ь', 'й', 'и', 'ы', 'і', 'у', ...ADJ_CLASSES];

// Case endings of nouns and adjectives, Russian and Ukrainian (folded: ї→і, є→е), longest first.
const CASE_ENDINGS = [
  'ами', 'ями', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ьми',
  'ой', 'ей', 'ий', 'ый', 'ій', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ых', 'их', 'ым', 'им', 'ім', 'іх',
  'ую', 'юю', 'ом', 'ем', 'ам', 'ям', 'ах', 'ях', 'ов', 'ев', 'ью', 'ою', 'ею', 'оі', 'еі', 'ів',
  'а', 'я', 'о', 'е', 'и', 'ы', 'у', 'ю', 'ь', 'й', 'і',
];
// Endings a name can have in the nominative.
const NOMINATIVE_ENDINGS = ['ий', 'ый', 'ой', 'ій', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'і', 'а', 'я', 'о', 'е', 'и', 'ы', 'ь', 'й', 'у'];

const MIN_STEM = 2;

function dropSoft(s: string): string {
  return s.endsWith('ь') || s.endsWith('й') ? s.slice(0, -1) : s;
}

/** Index lookup keys of a Cyrillic word of running text: "stem|class" for every reading. */
export function wordKeys(norm: string): string[] {
  const out = new Set<string>([`${norm}|=`]);
  const add = (stem: string, ending: string): void => {
    for (const c of COMPAT[ending] ?? []) out.add(`${stem}|${c}`);
  };
  add(norm, '');
  for (const e of CASE_ENDINGS) {
    if (norm.length - e.length >= MIN_STEM && norm.endsWith(e)) {
      const s = norm.slice(0, -e.length);
      add(s, e);
      const soft = dropSoft(s);
      if (soft !== s) add(soft, e);
    }
  }
  return [...out];
}

/** Every stem a Cyrillic word of running text may have (for stop lists). */
export function wordStems(norm: string): string[] {
  const out = new Set<string>([norm]);
  for (const e of CASE_ENDINGS) {
    if (norm.length - e.length >= MIN_STEM && norm.endsWith(e)) {
      const s = norm.slice(0, -e.length);
      out.add(s);
      out.add(dropSoft(s));
    }
  }
  out.add(dropSoft(norm));
  return [...out];
}

/** Index keys ("stem|class") of one word of a gazetteer name in the nominative. */
export function nameKeys(norm: string): string[] {
  if (!/[\u0400-\u04ff]/.test(norm)) return [`${norm}|=`];
  let cls = '';
  let stem = norm;
  for (const e of NOMINATIVE_ENDINGS) {
    if (norm.length - e.length >= MIN_STEM && norm.endsWith(e)) { stem = norm.slice(0, -e.length); cls = e; break; }
  }
  if (stem.endsWith('ь') || stem.endsWith('й')) {
    if (cls === '') cls = stem.slice(-1);
    stem = stem.slice(0, -1);
  }
  return [`${norm}|=`, ...nameStemVariants(norm, stem).map((v) => `${v}|${cls}`)];
}

const UK_ALTERNATION: Record<string, string> = { к: 'ц', г: 'з', х: 'с' };

function nameStemVariants(norm: string, stem: string): string[] {
  const out = new Set<string>([stem]);
  const n = stem.length;
  // Fleeting vowel: Орёл → Орла, Елец → Ельца, Череповец → Череповца.
  if (n >= 4 && !isVowel(stem.charAt(n - 1)) && 'еоі'.includes(stem.charAt(n - 2)) && !isVowel(stem.charAt(n - 3))) {
    out.add(stem.slice(0, n - 2) + stem.charAt(n - 1));
    out.add(stem.slice(0, n - 2) + 'ь' + stem.charAt(n - 1));
  }
  // Ukrainian і in a closed last syllable opens to о/е: Харків → Харкова, Львів → Львові, Ріг → Рогу.
  const m = /і([^аеиоуыэюяі]+)$/.exec(stem);
  if (m && stem.length >= 3) {
    const head = stem.slice(0, m.index);
    out.add(head + 'о' + m[1]);
    out.add(head + 'е' + m[1]);
  }
  // Genitive plural inserts a vowel: Химки → Химок, Люберцы → Люберец.
  if (/[ыи]$/.test(norm) && n >= 3 && !isVowel(stem.charAt(n - 1)) && !isVowel(stem.charAt(n - 2))) {
    out.add(stem.slice(0, n - 1) + 'о' + stem.charAt(n - 1));
    out.add(stem.slice(0, n - 1) + 'е' + stem.charAt(n - 1));
  }
  // Ukrainian dative/locative softens к/г/х before і: Каховка → Каховці, Волга → Волзі,
  // Кременчук → Кременчуці, Кривий Ріг → Кривому Розі (after the і → о above).
  const alt = UK_ALTERNATION[stem.charAt(n - 1)];
  if (alt && n >= 3) for (const v of [...out]) out.add(v.slice(0, -1) + alt);
  return [...out];
}

/** Lookup keys of a stem under any nominative class (for demonyms: казанский → казан). */
export function anyClassKeys(stem: string): string[] {
  return [`${stem}|=`, ...ALL_CLASSES.map((c) => `${stem}|${c}`)];
}

// Adjective endings (Russian and Ukrainian, folded), longest first.
const ADJ_ENDINGS = ['ыми', 'ими', 'ого', 'его', 'ому', 'ему', 'ий', 'ый', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ых', 'их', 'ым', 'им', 'ую', 'юю', 'ом', 'ем', 'ій', 'оі', 'ім', 'іх', 'а', 'е', 'і', 'у'];

/** Strip an adjective ending; null when the word does not look like an adjective. */
export function adjectiveStem(norm: string): string | null {
  for (const e of ADJ_ENDINGS) {
    if (norm.length - e.length >= 3 && norm.endsWith(e)) {
      const s = norm.slice(0, -e.length);
      if (e.length === 1 && !/(?:ськ|ск|цьк|цк)$/.test(s)) continue; // Ukrainian short forms only after -ськ
      return s;
    }
  }
  return null;
}

/**
 * Candidate place stems of a relational adjective (казанский → казан, ярославский → ярославл,
 * московский → москв, омский → омск, тверской → твер). Null when it is not an -ск- adjective.
 */
export function demonymBases(norm: string): string[] | null {
  const stem = adjectiveStem(norm);
  if (!stem) return null;
  const m = /^(.{2,}?)(?:ьск|ск|цьк|цк)$/.exec(stem);
  if (!m) return null;
  const b = m[1] ?? '';
  const out = new Set<string>([stem, b, b + 'л', b + 'ск']);
  if (b.endsWith('ов') || b.endsWith('ев')) out.add(b.slice(0, -2) + 'в').add(b.slice(0, -2));
  if (b.endsWith('ин')) out.add(b.slice(0, -2));
  if (b.endsWith('од')) out.add(b.slice(0, -2) + 'д');
  if (b.endsWith('ів')) out.add(b);
  return [...out].filter((s) => s.length >= 3);
}
