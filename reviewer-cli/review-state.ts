// A story's review state — status, anonymised text, the choice made for each place, tags, notes —
// sealed to the editor's own X25519 key with the envelope format itself (sealEnvelopeSodium), so
// it gets the same padding and the same one generic failure. The story id is inside the sealed
// document: a state copied onto another row of the vault is refused, not silently applied.

import * as z from 'zod';
import { utf8Decode, utf8Encode, wipe } from '../crypto/bytes.ts';
import { EDITOR_STATUSES } from '../crypto/contract.ts';
import { openEnvelope, sealEnvelopeSodium } from '../crypto/envelope-sodium.ts';
import type { Identity } from '../crypto/identity.ts';
import type { Sodium } from '../crypto/sodium.ts';
import { CliError } from './errors.ts';

export const DECISION_STATUSES = ['new', 'anonymised', 'approved', 'rejected'] as const;

const DecisionSchema = z.strictObject({
  original: z.string(),
  /** null: the editor kept the original text. */
  replacement: z.string().nullable(),
  kind: z.string(),
  /** Marked by hand rather than found by the detector. */
  manual: z.boolean(),
});
export type Decision = z.infer<typeof DecisionSchema>;

const ReviewStateSchema = z.strictObject({
  v: z.literal(1),
  id: z.string(),
  status: z.enum(DECISION_STATUSES),
  anonymised: z.optional(z.strictObject({ title: z.optional(z.string()), story: z.string(), decisions: z.array(DecisionSchema) })),
  tags: z.array(z.string()),
  notes: z.array(z.strictObject({ day: z.string(), text: z.string() })),
  /** The status last sent to the server by `status push`. */
  pushed: z.optional(z.enum(EDITOR_STATUSES)),
  /** `export` wrote this approved story out (set once the files are in place; cleared by any
   * later change of status): only then does `status push` tell the author "published". */
  exported: z.optional(z.boolean()),
});
export type ReviewState = z.infer<typeof ReviewStateSchema>;

export function newReviewState(id: string): ReviewState {
  return { v: 1, id, status: 'new', tags: [], notes: [] };
}

export function sealReviewState(sodium: Sodium, identity: Identity, state: ReviewState): Uint8Array {
  const bytes = utf8Encode(JSON.stringify(ReviewStateSchema.parse(state)));
  try {
    return sealEnvelopeSodium(sodium, bytes, [identity.x25519.publicKey]);
  } finally {
    wipe(bytes);
  }
}

/** The state of story `id` (a fresh one when `sealed` is null). Throws CliError when it cannot
 * be opened or belongs to another story. */
export function openReviewState(sodium: Sodium, identity: Identity, id: string, sealed: Uint8Array | null): ReviewState {
  if (!sealed) return newReviewState(id);
  let bytes: Uint8Array | undefined;
  try {
    bytes = openEnvelope(sodium, sealed, { x25519PublicKey: identity.x25519.publicKey, x25519SecretKey: identity.x25519.secretKey });
    const state = ReviewStateSchema.parse(JSON.parse(utf8Decode(bytes)));
    if (state.id !== id) throw new Error('state of another story');
    return state;
  } catch {
    throw new CliError(`the review notes of story ${id} could not be opened (the vault was altered or written with another key)`);
  } finally {
    wipe(bytes);
  }
}
