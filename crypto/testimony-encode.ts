// The testimony document as the page writes it (SECURITY.md §2): a check and its serialisation.
// The contract is the zod schema in testimony.ts, which the CLI applies to every payload it opens;
// both take their limits from testimony-rules.ts. This module applies the schema's rules by hand
// because zod/mini costs the page 6 KB gzip of its 30 KB budget (README, "Decisions");
// testimony.test.ts checks with generated documents that `isTestimony` accepts exactly what
// `TestimonySchema` accepts.

import { utf8Encode } from './bytes.ts';
import { FormatError } from './errors.ts';
import { STORY_LANGUAGES } from './contract.ts';
import { MAX_PAYLOAD_BYTES } from './pad.ts';
import { CONTACT_MAX_CHARS, REGIONS, REPLY_KEY_PATTERN, STORY_MAX_CHARS, TITLE_MAX_CHARS } from './testimony-rules.ts';
import type { Testimony } from './testimony.ts';

/** Every field, in the order the document is written (the schema's order; tested). */
const FIELDS: readonly (keyof Testimony)[] = ['v', 'story', 'title', 'language', 'region', 'consent', 'contact', 'replyKey'];

/** A length check as zod counts: in code points (a surrogate pair is one). Only a text longer
 * in UTF-16 units than `max` needs counting; `min` is 0 or 1, where units and code points agree. */
const isText = (value: unknown, min: 0 | 1, max: number): boolean =>
  typeof value === 'string' && value.length >= min && (value.length <= max || [...value].length <= max);

export const isOneOf = (value: unknown, allowed: readonly string[]): boolean => typeof value === 'string' && allowed.includes(value);

/** Same rules as TestimonySchema: every required field, no unknown one, the same limits. */
export function isTestimony(value: unknown): value is Testimony {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const doc = value as Record<string, unknown>;
  // for…in, as zod's strict check walks keys: an inherited enumerable key is an unknown field too.
  for (const key in doc) if (!(FIELDS as readonly string[]).includes(key)) return false;
  return (
    doc.v === 1 &&
    isText(doc.story, 1, STORY_MAX_CHARS) &&
    (doc.title === undefined || isText(doc.title, 0, TITLE_MAX_CHARS)) &&
    isOneOf(doc.language, STORY_LANGUAGES) &&
    (doc.region === undefined || isOneOf(doc.region, REGIONS)) &&
    doc.consent === true &&
    (doc.contact === undefined || isText(doc.contact, 0, CONTACT_MAX_CHARS)) &&
    typeof doc.replyKey === 'string' && REPLY_KEY_PATTERN.test(doc.replyKey)
  );
}

/** Validates and serialises, fields in a fixed order. Throws FormatError if the document is
 * invalid or over 1 MiB. What is checked is the JSON written, read back: a toJSON method or a
 * getter could otherwise show the check one document and the serialiser another. */
export function encodeTestimony(testimony: Testimony): Uint8Array {
  const json = isTestimony(testimony) ? JSON.stringify(testimony, FIELDS as string[]) : undefined;
  if (json === undefined || !isTestimony(JSON.parse(json))) throw new FormatError('testimony document is not valid');
  const bytes = utf8Encode(json);
  if (bytes.length > MAX_PAYLOAD_BYTES) throw new FormatError('testimony is too long');
  return bytes;
}
