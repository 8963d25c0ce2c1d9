// The testimony's `attachments` field checked and written without zod (SECURITY.md §2
// "Attachments"): the same rules as the schema in testimony.ts, held to it by testimony.test.ts.
// Its own module, apart from testimony-encode.ts, so that the page's first load (stories without
// pictures) does not carry it: the page loads it with the attachment code.

import { ATTACHMENT_KEY_PATTERN, ATTACHMENT_TYPES, MAX_ATTACHMENTS, MAX_ATTACHMENT_TOTAL_BYTES } from './attachment-format.ts';
import { utf8Encode } from './bytes.ts';
import { FormatError } from './errors.ts';
import { MAX_PAYLOAD_BYTES } from './pad.ts';
import { encodeTestimony, isOneOf } from './testimony-encode.ts';
import type { Testimony } from './testimony.ts';

/** An attachment's fields, in the order they are written. */
const ATTACHMENT_FIELDS = ['type', 'bytes', 'key'] as const;

const hasOnly = (value: object, keys: readonly string[]): boolean => {
  for (const key in value) if (!keys.includes(key)) return false;
  return true;
};

const isAttachment = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !hasOnly(value, ATTACHMENT_FIELDS)) return false;
  const a = value as Record<string, unknown>;
  return (
    isOneOf(a.type, ATTACHMENT_TYPES) &&
    Number.isSafeInteger(a.bytes) && (a.bytes as number) >= 1 && (a.bytes as number) <= MAX_ATTACHMENT_TOTAL_BYTES &&
    typeof a.key === 'string' && ATTACHMENT_KEY_PATTERN.test(a.key)
  );
};

export const isAttachmentList = (value: unknown): boolean =>
  Array.isArray(value) && value.length >= 1 && value.length <= MAX_ATTACHMENTS && value.every(isAttachment) &&
  value.reduce((sum: number, a: { bytes: number }) => sum + a.bytes, 0) <= MAX_ATTACHMENT_TOTAL_BYTES;

/**
 * encodeTestimony for a story with attachments: the rest of the document is checked and written
 * by encodeTestimony, and the list, the schema's last field, is appended in the schema's order.
 * What is checked is the list as written, read back. Throws FormatError like encodeTestimony.
 */
export function encodeTestimonyWithAttachments(testimony: Testimony): Uint8Array {
  const { attachments, ...rest } = testimony;
  if (attachments === undefined) return encodeTestimony(rest);
  const base = new TextDecoder().decode(encodeTestimony(rest));
  const list = JSON.stringify(attachments, ATTACHMENT_FIELDS as unknown as string[]);
  if (list === undefined || !isAttachmentList(JSON.parse(list))) throw new FormatError('testimony document is not valid');
  const bytes = utf8Encode(`${base.slice(0, -1)},"attachments":${list}}`);
  if (bytes.length > MAX_PAYLOAD_BYTES) throw new FormatError('testimony is too long');
  return bytes;
}
