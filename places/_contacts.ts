// Non-place identifiers (kind `contact`) and house numbers next to streets (`street_number`).
// They are shown to editors but not part of `places detect` output unless --all.

import { execAll } from './_text.ts';

export interface RawSpan { start: number; end: number }

// Starts only where a word starts, so a long run of letters is not rescanned from each letter.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const URL = new RegExp(String.raw`\b(?:https?://|www\.)[^\s<>«»"]+|(?<![\p{L}\p{N}@.-])[\p{L}\p{N}-]+\.(?:ru|рф|com|org|net|ua|by|kz|su|io|me|info|fr|de|onion)(?:/[^\s<>«»"]*)?(?![\p{L}])`, 'gu');
const HANDLE = /(?<![\p{L}\p{N}@.])@[A-Za-z0-9_][A-Za-z0-9_.]{2,31}/gu;
const PHONE = /(?<![\p{N}])(?:\+?\d[\s()-]*){10,13}(?![\p{N}])/gu;

function trimEnd(text: string, s: RawSpan): RawSpan {
  let e = s.end;
  while (e > s.start && /[.,;:!?)\s-]/.test(text.charAt(e - 1))) e--;
  return { start: s.start, end: e };
}

export function contactSpans(text: string): RawSpan[] {
  const out: RawSpan[] = [];
  // Cheap guards first: most stories hold none of these, and the regexps scan every word.
  const res: RegExp[] = [];
  if (text.includes('@')) res.push(EMAIL, HANDLE);
  if (text.includes('.')) res.push(URL);
  if ((text.match(/\d/g)?.length ?? 0) >= 10) res.push(PHONE);
  for (const re of res) {
    for (const m of execAll(re, text)) out.push(trimEnd(text, { start: m.index, end: m.index + m[0].length }));
  }
  return out;
}

// After a street: ", д. 5", ", дом 12к2", " 5/1", ", буд. 3", ", кв. 7"; before (en/fr): "12 rue", "221B Baker Street".
const AFTER_STREET = /^,?\s*(?:(?:д\.|дом|буд\.|будинок|house|no\.?|n°|№)\s*)?\d+[а-яa-z]?(?:\/\d+)?(?:,?\s*(?:к\.|корп\.|корпус|стр\.|кв\.|квартира|apt\.?|flat|app\.?)\s*\d+)*/iu;
const BEFORE_STREET = /(?:^|[\s,(])(\d+[a-zA-Z]?(?:\s?(?:bis|ter))?),?\s*$/;

export function streetNumberSpans(text: string, street: RawSpan): RawSpan[] {
  const out: RawSpan[] = [];
  const after = AFTER_STREET.exec(text.slice(street.end, street.end + 40));
  if (after && /\d/.test(after[0])) {
    const lead = after[0].length - after[0].replace(/^,?\s*/, '').length;
    out.push({ start: street.end + lead, end: street.end + after[0].length });
  }
  const from = Math.max(0, street.start - 12);
  const before = BEFORE_STREET.exec(text.slice(from, street.start));
  if (before && before[1]) {
    const start = from + before.index + before[0].indexOf(before[1]);
    out.push({ start, end: start + before[1].length });
  }
  return out;
}
