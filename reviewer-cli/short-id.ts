// Story ids as editors read and type them. The server's id is 16 random bytes in base64url
// (case-sensitive, with - and _); editors see the same bytes in Crockford base32 — digits and
// capitals without I, L, O, U, read in any case, 1/I/L and 0/O alike — cut to 8 characters in two
// groups of 4 (`7KQ2-M9XD`). Any prefix of at least 4 characters of the full 26-character form
// finds a story; the wire id is never changed and still accepted in full.
import { CliError } from './errors.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHOWN = 8;
export const MIN_PREFIX = 4;

/** The full Crockford base32 form of a wire id's bytes (26 characters for 16 bytes). */
export function base32Id(id: string): string {
  const bytes = Buffer.from(id, 'base64url');
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return bits > 0 ? out + ALPHABET[(buffer << (5 - bits)) & 31] : out;
}

function grouped(chars: string): string {
  return chars.match(/.{1,4}/g)?.join('-') ?? '';
}

/** The id shown to editors: `7KQ2-M9XD`. */
export function shortId(id: string): string {
  return grouped(base32Id(id).slice(0, SHOWN));
}

/** What the editor typed, as base32 capitals; null when it cannot be part of a short id. */
function normalise(input: string): string | null {
  const text = input.replace(/[-\s]/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  return /^[0-9A-HJKMNP-TV-Z]+$/.test(text) ? text : null;
}

/** The wire id that `input` names among `ids`: the wire id itself, or a prefix of a short id.
 * Throws CliError with the candidates when the prefix fits more than one story. */
export function resolveStoryId(input: string, ids: Iterable<string>): string {
  const typed = normalise(input);
  const matches: string[] = [];
  for (const id of ids) {
    if (id === input) return id;
    if (typed !== null && typed.length >= MIN_PREFIX && base32Id(id).startsWith(typed)) matches.push(id);
  }
  if (typed === null) throw new CliError(`"${input}" is not a story id (ids look like 7KQ2-M9XD)`);
  if (typed.length < MIN_PREFIX) throw new CliError(`give at least ${MIN_PREFIX} characters of the story id`);
  if (matches.length === 0) throw new CliError(`no story "${input}" in the vault`);
  if (matches.length > 1) {
    const full = matches.map(base32Id);
    let length = Math.max(typed.length + 1, SHOWN);
    while (length < full[0]!.length && new Set(full.map((f) => f.slice(0, length))).size < full.length) length++;
    const listed = full.slice(0, 5).map((f) => grouped(f.slice(0, length))).join(', ');
    throw new CliError(`"${input}" matches ${matches.length} stories (${listed}${matches.length > 5 ? ', …' : ''}); give more characters`);
  }
  return matches[0]!;
}
