// Text primitives shared by every matcher: folding for comparison and a word tokenizer that
// keeps UTF-16 offsets. Folding never changes offsets: it is only applied to token copies.

export interface Token {
  start: number;
  end: number;
  raw: string;
  /** folded form: lower case, ё→е, є→е, ї→і, ґ→г, Latin diacritics and apostrophes removed */
  norm: string;
  cyr: boolean;
  /** first letter upper case */
  cap: boolean;
  /** every letter upper case and at least two letters (КФУ, KAMAZ) */
  upper: boolean;
  /** first word of a sentence (capitalisation says nothing there) */
  sentStart: boolean;
}

const CYR_FOLD: Record<string, string> = { ё: 'е', є: 'е', ї: 'і', ґ: 'г', ў: 'у' };
// Strings with nothing to fold beyond lower case (most names): ASCII and plain Cyrillic.
const PLAIN = /^[\x00-\x26\x28-\x7f\u0400-\u0450\u0452-\u0453\u0455-\u0456\u0458-\u045d\u045f-\u0490\u0492-\u04ff]*$/;

/** Fold a string for comparison. Cyrillic keeps й (a distinct letter); Latin loses accents. */
export function fold(s: string): string {
  let out = s.toLowerCase();
  if (PLAIN.test(out)) return out;
  out = out.normalize('NFD').replace(/([a-z])[\u0300-\u036f]+/g, '$1').normalize('NFC');
  return out
    .replace(/[ёєїґў]/g, (c) => CYR_FOLD[c] ?? c)
    .replace(/['’ʼ`]/g, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss').replace(/ı/g, 'i');
}

export function isCyrillic(s: string): boolean {
  return /[\u0400-\u04ff]/.test(s);
}

// A word: letters with inner apostrophes (Кам'янець, d'Iekaterinbourg is split below).
const WORD = /[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*/gu;
// French elisions and the English possessive are split off Latin words.
const ELISION = /^(?:d|l|j|qu|n|s|c|m|t|jusqu|lorsqu|puisqu)['’]/i;

/**
 * Every match of a global regexp, reusing the regexp object: matchAll would clone it on each
 * call, and a clone of a large Unicode pattern may be compiled again.
 */
export function* execAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    yield m;
  }
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of execAll(WORD, text)) {
    let start = m.index;
    let raw = m[0];
    if (!isCyrillic(raw)) {
      const el = ELISION.exec(raw);
      if (el && raw.length > el[0].length + 1) {
        push(out, text, start, raw.slice(0, el[0].length - 1));
        start += el[0].length;
        raw = raw.slice(el[0].length);
      }
      const poss = /['’]s$/i.exec(raw);
      if (poss && raw.length > 3) raw = raw.slice(0, -2);
    }
    push(out, text, start, raw);
  }
  return out;
}

function push(out: Token[], text: string, start: number, raw: string): void {
  const first = raw.charAt(0);
  const cap = first !== first.toLowerCase() && first === first.toUpperCase();
  // Only a capitalised word can be all upper case: skip the letter scan for the rest.
  const letters = cap ? raw.replace(/[^\p{L}]/gu, '') : '';
  out.push({
    start, end: start + raw.length, raw, norm: fold(raw), cyr: isCyrillic(raw), cap,
    upper: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
    sentStart: isSentenceStart(text, start),
  });
}

const SKIP_BEFORE_WORD = new Set('«»"“”„\'(-–—');
const SENTENCE_END = new Set('.!?…:;\n');
const SPACE = /\s/;
const OPENING_QUOTE = new Set('«“„');

function isSentenceStart(text: string, start: number): boolean {
  // A word right after an opening quote starts a title or a quoted sentence («Игру престолов»).
  if (OPENING_QUOTE.has(text.charAt(start - 1))) return true;
  let i = start - 1;
  while (i >= 0 && (SKIP_BEFORE_WORD.has(text.charAt(i)) || SPACE.test(text.charAt(i)))) i--;
  return i < 0 || SENTENCE_END.has(text.charAt(i));
}

/**
 * The characters between two tokens: may a multi-word name continue across them? A dot only
 * after an abbreviation (St. Petersburg, Н. Новгород), never at a sentence end.
 */
export function joins(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start);
  if (/^(?:\s{1,2}|\s?[-‐–]\s?)$/.test(gap)) return true;
  return /^\.\s?$/.test(gap) && a.raw.length <= 3;
}
