// Size limits derived from the envelope format (crypto/) and the configuration.

import { b64uLength } from '../crypto/contract.ts';
import { envelopeSizeFor, maxEnvelopeBytes } from '../crypto/envelope-format.ts';
import { MAX_PAYLOAD_BYTES, MIN_PADDED_BYTES } from '../crypto/pad.ts';

export interface Limits {
  /** Largest envelope accepted for the configured number of editors. */
  maxEnvelopeBytes: number;
  /** Largest testimony payload whose envelope fits, for the submit page to enforce first. */
  maxPayloadBytes: number;
  /** Largest submission request body: the envelope in base64url plus the other fields. */
  maxSubmissionBodyBytes: number;
}

/** Every other JSON body (challenge, receipts, editor requests) is far smaller than this. */
export const MAX_SMALL_BODY_BYTES = 16 * 1024;

export function limitsFor(recipients: number, capBytes?: number): Limits {
  const formatMax = maxEnvelopeBytes(recipients);
  const max = Math.min(formatMax, capBytes ?? formatMax);
  // Padding buckets are powers of two: the largest payload is one below the largest bucket that fits.
  let maxPayloadBytes = 0;
  for (let bucket = MIN_PADDED_BYTES; ; bucket *= 2) {
    const payload = Math.min(bucket - 4, MAX_PAYLOAD_BYTES);
    if (envelopeSizeFor(payload, recipients) > max) break;
    maxPayloadBytes = payload;
    if (payload === MAX_PAYLOAD_BYTES) break;
  }
  return { maxEnvelopeBytes: max, maxPayloadBytes, maxSubmissionBodyBytes: b64uLength(max) + 1024 };
}
