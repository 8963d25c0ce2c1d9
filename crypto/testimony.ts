// The testimony document's contract (SECURITY.md §2): versioned JSON, checked with this zod
// schema by the CLI on every payload it opens. The page writes documents with the zod-free check
// in testimony-encode.ts, held to this schema by a generated-document test in testimony.test.ts.
// Both take their limits and lists from testimony-rules.ts.

import * as z from 'zod/mini';
import { utf8Decode } from './bytes.ts';
import { FormatError } from './errors.ts';
import { STORY_LANGUAGES } from './contract.ts';
import { ATTACHMENT_KEY_PATTERN, ATTACHMENT_TYPES, MAX_ATTACHMENTS, MAX_ATTACHMENT_TOTAL_BYTES } from './attachment-format.ts';
import { CONTACT_MAX_CHARS, REGIONS, REPLY_KEY_PATTERN, STORY_MAX_CHARS, TITLE_MAX_CHARS } from './testimony-rules.ts';

/** One attachment (SECURITY.md §2 "Attachments"): its media type, its exact length and the key
 * that opens it. The n-th entry is the n-th file the server holds for the story. */
const AttachmentSchema = z.strictObject({
  type: z.enum(ATTACHMENT_TYPES),
  bytes: z.number().check(z.int(), z.gte(1), z.lte(MAX_ATTACHMENT_TOTAL_BYTES)),
  key: z.string().check(z.regex(ATTACHMENT_KEY_PATTERN)),
});

export const TestimonySchema = z.strictObject({
  v: z.literal(1),
  story: z.string().check(z.minLength(1), z.maxLength(STORY_MAX_CHARS)),
  title: z.optional(z.string().check(z.maxLength(TITLE_MAX_CHARS))),
  language: z.enum(STORY_LANGUAGES),
  region: z.optional(z.enum(REGIONS)),
  /** Consent to publication after anonymisation: the form cannot be sent without it. */
  consent: z.literal(true),
  contact: z.optional(z.string().check(z.maxLength(CONTACT_MAX_CHARS))),
  /** The receipt's public half: an X25519 public key (base64url) editors can encrypt replies to. */
  replyKey: z.string().check(z.regex(REPLY_KEY_PATTERN)),
  attachments: z.optional(
    z.array(AttachmentSchema).check(
      z.minLength(1),
      z.maxLength(MAX_ATTACHMENTS),
      z.refine((list) => list.reduce((sum, a) => sum + a.bytes, 0) <= MAX_ATTACHMENT_TOTAL_BYTES),
    ),
  ),
});

export type Testimony = z.infer<typeof TestimonySchema>;

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
