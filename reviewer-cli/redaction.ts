// Pure text operations behind `anonymise` and the approval check: applying the editor's choices
// to a text, finding text marked by hand, and deciding which detected places are still unreviewed.

import type { Decision } from './review-state.ts';
import type { Span } from './places.ts';

export interface Range {
  start: number;
  end: number;
}

export interface Choice extends Range, Decision {}

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

/** `text` with each choice's range replaced (kept choices leave the text as is). Choices must
 * not overlap; order does not matter. */
export function applyChoices(text: string, choices: readonly Choice[]): string {
  let out = '';
  let at = 0;
  for (const c of [...choices].sort((a, b) => a.start - b.start)) {
    if (c.start < at) throw new RangeError('choices overlap');
    out += text.slice(at, c.start) + (c.replacement ?? text.slice(c.start, c.end));
    at = c.end;
  }
  return out + text.slice(at);
}

/** Every occurrence of `phrase` in `text` (case-sensitive, as the editor typed it) that overlaps
 * none of `taken`. */
export function findPhrase(text: string, phrase: string, taken: readonly Range[]): Range[] {
  const found: Range[] = [];
  if (phrase === '') return found;
  for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + phrase.length)) {
    const range = { start: i, end: i + phrase.length };
    if (!taken.some((t) => overlaps(t, range)) && !found.some((f) => overlaps(f, range))) found.push(range);
  }
  return found;
}

export function normalise(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
}

/** Spans found in an anonymised text that no decision covers: not kept by policy (countries), not
 * an original the editor chose to keep, and not part of a replacement the editor accepted. */
export function unreviewedSpans(spans: readonly Span[], decisions: readonly Decision[]): Span[] {
  const kept = new Set(decisions.filter((d) => d.replacement === null).map((d) => normalise(d.original)));
  const replacements = decisions.flatMap((d) => (d.replacement === null ? [] : [normalise(d.replacement)]));
  return spans.filter((span) => {
    if (span.keep) return false;
    const text = normalise(span.text);
    return !kept.has(text) && !replacements.some((r) => r.includes(text));
  });
}
