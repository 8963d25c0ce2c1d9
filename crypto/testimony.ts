// The testimony document: the payload inside an envelope (DESIGN.md "The envelope"). Versioned
// JSON, checked with zod on both ends: the page validates what it seals, the CLI what it opens.
// zod/mini keeps the submit page's bundle small.

import * as z from 'zod/mini';
import { utf8Decode, utf8Encode } from './bytes.ts';
import { FormatError } from './errors.ts';
import { MAX_PAYLOAD_BYTES } from './pad.ts';

export const LANGUAGES = ['ru', 'uk', 'en', 'fr', 'other'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Broad regions only: Russia's federal districts, or abroad. Never a city (SECURITY.md §5). */
export const REGIONS = [
  'central', 'northwestern', 'southern', 'north-caucasian', 'volga', 'ural', 'siberian', 'far-eastern', 'abroad',
] as const;
export type Region = (typeof REGIONS)[number];

export const STORY_MAX_CHARS = 200_000;
export const TITLE_MAX_CHARS = 200;
export const CONTACT_MAX_CHARS = 500;

export const TestimonySchema = z.strictObject({
  v: z.literal(1),
  story: z.string().check(z.minLength(1), z.maxLength(STORY_MAX_CHARS)),
  title: z.optional(z.string().check(z.maxLength(TITLE_MAX_CHARS))),
  language: z.enum(LANGUAGES),
  region: z.optional(z.enum(REGIONS)),
  /** Consent to publication after anonymisation: the form cannot be sent without it. */
  consent: z.literal(true),
  contact: z.optional(z.string().check(z.maxLength(CONTACT_MAX_CHARS))),
  /** The receipt's public half: an X25519 public key (base64url) editors can encrypt replies to. */
  replyKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
});

export type Testimony = z.infer<typeof TestimonySchema>;

/** Validates and serialises. Throws FormatError if the document is invalid or over 1 MiB. */
export function encodeTestimony(testimony: Testimony): Uint8Array {
  const parsed = TestimonySchema.safeParse(testimony);
  if (!parsed.success) throw new FormatError('testimony document is not valid');
  const bytes = utf8Encode(JSON.stringify(parsed.data));
  if (bytes.length > MAX_PAYLOAD_BYTES) throw new FormatError('testimony is too long');
  return bytes;
}

/** Parses a payload. Throws FormatError for invalid UTF-8, JSON or schema. */
export function decodeTestimony(bytes: Uint8Array): Testimony {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(bytes));
  } catch {
    throw new FormatError('testimony document is not valid JSON');
  }
  const parsed = TestimonySchema.safeParse(value);
  if (!parsed.success) throw new FormatError('testimony document is not valid');
  return parsed.data;
}
