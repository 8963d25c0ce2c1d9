// A story's review state — status, anonymised text, the choice made for each place, tags, notes —
// sealed with XChaCha20-Poly1305 under the vault's state key, which only the editor's secret key
// yields (vault-keys.ts; SECURITY.md §6 "The authenticated vault"):
//
//   sealed = nonce (24 random bytes) ‖ XChaCha20-Poly1305(stateKey, nonce, pad(JSON),
//            aad = "sotto-review-state-v2\n" ‖ story id ‖ "\n" ‖ hex(BLAKE2b-256(envelope)) ‖ "\n" ‖ version)
//
// The associated data binds the state to its story, to the exact envelope it was made for and to
// its version: a state copied onto another story, kept after its envelope was swapped, or rolled
// back to an earlier version does not open. Padding (crypto/pad.ts) hides the length of notes.

import * as z from 'zod';
import { concatBytes, hexEncode, utf8Decode, utf8Encode, wipe } from '../crypto/bytes.ts';
import { EDITOR_STATUSES } from '../crypto/contract.ts';
import { openEnvelope } from '../crypto/envelope-sodium.ts';
import type { Identity } from '../crypto/identity.ts';
import { pad, unpad } from '../crypto/pad.ts';
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

/** What a sealed state is bound to: its story, that story's envelope, and its version. */
export interface StateBinding {
  id: string;
  envelopeHash: Uint8Array;
  version: number;
}

const NONCE_BYTES = 24;

function associatedData(binding: StateBinding): Uint8Array {
  return utf8Encode(['sotto-review-state-v2', binding.id, hexEncode(binding.envelopeHash), String(binding.version)].join('\n'));
}

export function sealReviewState(sodium: Sodium, stateKey: Uint8Array, binding: StateBinding, state: ReviewState): Uint8Array {
  const json = utf8Encode(JSON.stringify(ReviewStateSchema.parse(state)));
  const padded = pad(json);
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  try {
    return concatBytes(nonce, sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(padded, associatedData(binding), null, nonce, stateKey));
  } finally {
    wipe(json, padded);
  }
}

function parseState(id: string, bytes: Uint8Array): ReviewState {
  const state = ReviewStateSchema.parse(JSON.parse(utf8Decode(bytes)));
  if (state.id !== id) throw new Error('state of another story');
  return state;
}

/** The state of a story (a fresh one when `sealed` is null). Throws CliError, one message for
 * every cause, when it cannot be opened under this binding. */
export function openReviewState(sodium: Sodium, stateKey: Uint8Array, binding: StateBinding, sealed: Uint8Array | null): ReviewState {
  if (!sealed) return newReviewState(binding.id);
  let padded: Uint8Array | undefined;
  try {
    padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null, sealed.subarray(NONCE_BYTES), associatedData(binding), sealed.subarray(0, NONCE_BYTES), stateKey);
    return parseState(binding.id, unpad(padded));
  } catch {
    throw new CliError(`the review notes of story ${binding.id} could not be opened (the vault was altered or written with another key)`);
  } finally {
    wipe(padded);
  }
}

/** A v1 state (sealed to the editor's own public key as an envelope, before vault v2): read once,
 * for the migration. Returns null when it cannot be opened. */
export function openLegacyReviewState(sodium: Sodium, identity: Identity, id: string, sealed: Uint8Array): ReviewState | null {
  let bytes: Uint8Array | undefined;
  try {
    bytes = openEnvelope(sodium, sealed, { x25519PublicKey: identity.x25519.publicKey, x25519SecretKey: identity.x25519.secretKey });
    return parseState(id, bytes);
  } catch {
    return null;
  } finally {
    wipe(bytes);
  }
}
