// Normalisation before detection. One invisible character inside a name ("Ново\u00adсибирск",
// "Ле\u200bнина") or one look-alike letter from the other script ("Kазань" with a Latin K)
// would otherwise split or hide the name. The detector reads the normalised text and maps every
// span back to the original through the offset map, so the span covers the hidden characters
// too and the replacement removes them with the name.

/**
 * Characters that render as nothing: every format character (Unicode category Cf: soft hyphen,
 * zero-width space/joiners, bidi marks, embeddings and isolates, word joiner, BOM, tag
 * characters…), the combining grapheme joiner and variation selectors.
 */
export const INVISIBLE = /[\p{Cf}\u034f\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;
const HAS_INVISIBLE = new RegExp(INVISIBLE.source, 'u');

/** Does the text hold characters that render as nothing? */
export function hasInvisible(text: string): boolean {
  return HAS_INVISIBLE.test(text);
}

// Inside an emoji sequence the same characters are visible parts of the picture: the joiner
// and variation selector of the rainbow flag (🏳️‍🌈), the tags of a subdivision flag.
const EMOJI_PART = /^[\u200d\ufe0e\ufe0f\u{e0020}-\u{e007f}]$/u;
const EMOJI_BEFORE = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\u{e0020}-\u{e007f}]$/u;

const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;

function insideEmoji(ch: string, at: number, text: string): boolean {
  if (!EMOJI_PART.test(ch) || at === 0) return false;
  const low = text.charCodeAt(at - 1);
  const prevAt = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? at - 2 : at - 1;
  if (!EMOJI_BEFORE.test(String.fromCodePoint(text.codePointAt(prevAt)!))) return false;
  // A joiner joins two pictures; after the last one it hides nothing and shows nothing.
  const next = text.codePointAt(at + ch.length);
  return ch !== '\u200d' || (next !== undefined && PICTOGRAPH.test(String.fromCodePoint(next)));
}

/** Each hidden character (not part of an emoji) replaced by what `show` returns for it. */
function eachHidden(text: string, show: (ch: string) => string): string {
  return text.replace(INVISIBLE, (ch: string, at: number) => (insideEmoji(ch, at, text) ? ch : show(ch)));
}

/** The text without characters that render as nothing, emoji kept whole (what export publishes). */
export function stripInvisible(text: string): string {
  return eachHidden(text, () => '');
}

/** How many characters of the text render as nothing (emoji sequences aside). */
export function countInvisible(text: string): number {
  let n = 0;
  eachHidden(text, () => { n++; return ''; });
  return n;
}

/** The text with each invisible character shown as its code point, [U+00AD] (for `show`). */
export function markInvisible(text: string): string {
  return eachHidden(text, (ch) => `[U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

// Letters that look the same in Latin and Cyrillic (one UTF-16 unit each, so swapping them
// keeps offsets). Ukrainian і/ї are Cyrillic letters that look like Latin i.
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і',
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', I: 'І', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х',
};
const CYRILLIC_TO_LATIN: Record<string, string> = Object.fromEntries(Object.entries(LATIN_TO_CYRILLIC).map(([l, c]) => [c, l]));

const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const WORD = /\p{L}+/gu;

/**
 * A word written in two scripts becomes one: the script of its letters that have no look-alike
 * decides, and the look-alikes of the other script are swapped ("Kазань" → "Казань",
 * "Samаra" → "Samara"). A word with distinctive letters of both scripts is left as it is.
 */
function unifyScript(word: string): string {
  if (!LATIN.test(word) || !CYRILLIC.test(word)) return word;
  let latin = 0, cyrillic = 0;
  for (const ch of word) {
    if (LATIN.test(ch) && !(ch in LATIN_TO_CYRILLIC)) latin++;
    else if (CYRILLIC.test(ch) && !(ch in CYRILLIC_TO_LATIN)) cyrillic++;
  }
  if ((latin > 0) === (cyrillic > 0)) return word;
  const table = cyrillic > 0 ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
  let out = '';
  for (const ch of word) out += table[ch] ?? ch;
  return out;
}

export interface Normalised {
  text: string;
  /** map[i]: offset in the original of the normalised text's unit i; map[text.length] = original length. Null when nothing changed offsets. */
  map: Int32Array | null;
}

export function normalise(original: string): Normalised {
  const hidden = hasInvisible(original);
  let text = hidden ? original.replace(INVISIBLE, '') : original;
  if (LATIN.test(text) && CYRILLIC.test(text)) text = text.replace(WORD, unifyScript);
  if (!hidden) return { text, map: null };
  const map = new Int32Array(text.length + 1);
  let j = 0, at = 0;
  for (const m of original.matchAll(INVISIBLE)) {
    while (at < m.index) map[j++] = at++;
    at = m.index + m[0].length;
  }
  while (at < original.length) map[j++] = at++;
  map[j] = original.length;
  return { text, map };
}

/** The original range of a normalised range: it runs from the first to the last kept unit, taking in the hidden characters between. */
export function toOriginal(n: Normalised, start: number, end: number): { start: number; end: number } {
  if (!n.map) return { start, end };
  return { start: n.map[start]!, end: end > start ? n.map[end - 1]! + 1 : n.map[start]! };
}
