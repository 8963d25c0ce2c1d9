// One record of the team log (SECURITY.md §6 "The team log"): what one editor tells the others
// about one story. Signed by its author, then sealed to every editor like a testimony:
//
//   signed  = JSON { v, story, kind, author, n, prev, day, … }
//   payload = Ed25519(author's key, "sotto-team-record-v1\n" ‖ signed) (64 bytes, RFC 8032) ‖ signed
//   record  = envelope v1 (crypto/envelope-format.ts) of payload, to the accepted editors
//
// `n` counts the author's records from 1 and `prev` is the hash of the author's record n − 1, so
// a record the server dropped, replayed or showed differently to two editors is noticed. The
// server sees only the sealed bytes: not the story, the kind or the author.

import { ed25519 } from '@noble/curves/ed25519.js';
import * as z from 'zod';
import { concatBytes, hexEncode, utf8Decode, utf8Encode, wipe } from '../crypto/bytes.ts';
import { openEnvelope, sealEnvelopeSodium } from '../crypto/envelope-sodium.ts';
import type { Identity } from '../crypto/identity.ts';
import type { EditorPublicKey } from '../crypto/public-key.ts';
import type { Sodium } from '../crypto/sodium.ts';
import { CliError } from './errors.ts';

const SIGNATURE_CONTEXT = 'sotto-team-record-v1\n';
const SIGNATURE_BYTES = 64;

const AnonymisedSchema = z.strictObject({
  title: z.optional(z.string()),
  story: z.string(),
  decisions: z.array(z.strictObject({ original: z.string(), replacement: z.string().nullable(), kind: z.string(), manual: z.boolean() })),
});

const HEX32 = /^[0-9a-f]{64}$/;
const Common = {
  v: z.literal(1),
  story: z.string().min(1).max(64),
  author: z.string().regex(/^[0-9a-f]{16,64}$/),
  n: z.number().int().min(1),
  prev: z.string().regex(HEX32).nullable(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
};

const TeamRecordSchema = z.discriminatedUnion('kind', [
  /** "I am working on this story." */
  z.strictObject({ ...Common, kind: z.literal('claim') }),
  /** The anonymised text this editor arrived at; `text` is its hash (textHash). */
  z.strictObject({ ...Common, kind: z.literal('text'), anonymised: AnonymisedSchema, text: z.string().regex(HEX32) }),
  /** Approval of one exact text (by hash), or rejection. */
  z.strictObject({ ...Common, kind: z.literal('decision'), decision: z.enum(['approve', 'reject']), text: z.string().regex(HEX32).nullable() }),
  /** A note meant for the team (private notes never leave the vault). */
  z.strictObject({ ...Common, kind: z.literal('note'), note: z.string().min(1).max(64 * 1024) }),
]);
export type TeamRecord = z.infer<typeof TeamRecordSchema>;
export type Anonymised = z.infer<typeof AnonymisedSchema>;

/** What identifies an anonymised text: its title and story (the place decisions do not change
 * what is published). */
export function textHash(sodium: Sodium, anonymised: { title?: string; story: string }): string {
  return hexEncode(sodium.crypto_generichash(32, utf8Encode(JSON.stringify([anonymised.title ?? null, anonymised.story])), null));
}

/** Hash of a sealed record's signed content, for `prev`. */
export function recordHash(sodium: Sodium, signed: Uint8Array): string {
  return hexEncode(sodium.crypto_generichash(32, signed, null));
}

/** Signs `record` with the author's key and seals it to `recipients`. Returns the sealed bytes
 * and the hash the author's next record names as `prev`. */
export function sealTeamRecord(sodium: Sodium, identity: Identity, record: TeamRecord, recipients: readonly EditorPublicKey[]): { sealed: Uint8Array; hash: string } {
  const signed = utf8Encode(JSON.stringify(TeamRecordSchema.parse(record)));
  const signature = ed25519.sign(concatBytes(utf8Encode(SIGNATURE_CONTEXT), signed), identity.ed25519.secretKey);
  const payload = concatBytes(signature, signed);
  try {
    return { sealed: sealEnvelopeSodium(sodium, payload, recipients.map((k) => k.x25519)), hash: recordHash(sodium, signed) };
  } finally {
    wipe(payload);
  }
}

/** Opens a record and checks it was signed by the editor it names, one of `editors`. Throws
 * CliError, one message for every cause. */
export function openTeamRecord(sodium: Sodium, identity: Identity, sealed: Uint8Array, editors: ReadonlyMap<string, EditorPublicKey>): { record: TeamRecord; hash: string } {
  let payload: Uint8Array | undefined;
  try {
    payload = openEnvelope(sodium, sealed, { x25519PublicKey: identity.x25519.publicKey, x25519SecretKey: identity.x25519.secretKey });
    const signature = payload.subarray(0, SIGNATURE_BYTES);
    const signed = payload.subarray(SIGNATURE_BYTES);
    const record = TeamRecordSchema.parse(JSON.parse(utf8Decode(signed)));
    const author = editors.get(record.author);
    if (!author || !ed25519.verify(signature, concatBytes(utf8Encode(SIGNATURE_CONTEXT), signed), author.ed25519)) throw new Error('signature');
    return { record, hash: recordHash(sodium, signed) };
  } catch {
    throw new CliError('a team log record could not be opened or is not signed by an editor of your accepted set');
  } finally {
    wipe(payload);
  }
}
