// What a challenge costs (SECURITY.md §5 "Proof of work instead of IP limits"). The scarce
// resource a flood goes for is the storage quota, so the work is priced per byte of it:
//   difficulty = rate difficulty (difficulty.ts: base + up to 2 bits, from stored submissions)
//              + size class (one bit per doubling of the envelope above the base size)
//              + fill bits (larger envelopes only: one bit per halving of the room left to them)
// A base-size story (up to an 8 KiB padding bucket, about 4,000 Cyrillic characters) never pays
// for size or fill. Envelopes above the base size may fill only the quota less HEADROOM_SHARE,
// so a flood of large envelopes, however fast its solver, leaves room for short stories.
// The challenge names the size class it was priced for (challenge.ts), and a submission whose
// envelope is of a larger class is refused: the price cannot be dodged by asking small.
//
// Attachment uploads (SECURITY.md §5 "Attachments") pay on the same scale, but one bit per
// *two* doublings (the work grows with the square root of the size): a 5 MiB photo from a laptop
// in Tor Browser "Safer" must take minutes of work, not hours. What bounds a flood of uploads is
// the rest: 12 MiB at most per upload, the headroom share and the fill bits as for large stories,
// and unclaimed uploads expiring after a day. The challenge names its kind, so one priced for an
// upload cannot pay for a story.

import { envelopeSizeFor } from '../crypto/envelope-format.ts';
import { MAX_DIFFICULTY } from '../crypto/pow.ts';

/** The largest payload of the base size: it fills the 8 KiB padding bucket (crypto/pad.ts). */
export const BASE_PAYLOAD_BYTES = 8 * 1024 - 4;
/** The quota's share kept for base-size envelopes. */
export const HEADROOM_SHARE = 1 / 8;
/** At most this many bits for how full the quota is (16× the work, at 15/16 of the room used). */
export const MAX_FILL_BITS = 4;

export type Quote = { ok: true; difficulty: number; sizeClass: number } | { ok: false };
/** What a challenge pays for: a story's envelope, or an upload of attachments. */
export type PricedKind = 'story' | 'upload';

export class PowPrice {
  /** The size of a base-size envelope for the configured editors. */
  readonly baseEnvelopeBytes: number;

  constructor(recipients: number, private readonly quotaBytes: number) {
    this.baseEnvelopeBytes = envelopeSizeFor(BASE_PAYLOAD_BYTES, recipients);
  }

  /** 0 up to the base size, then one more per doubling (a padding bucket each). */
  sizeClass(envelopeBytes: number): number {
    return envelopeBytes <= this.baseEnvelopeBytes ? 0 : Math.ceil(Math.log2(envelopeBytes / this.baseEnvelopeBytes));
  }

  /** How many bytes the store may hold once an envelope of `sizeClass` is in. */
  storeLimit(sizeClass: number): number {
    return sizeClass === 0 ? this.quotaBytes : Math.floor(this.quotaBytes * (1 - HEADROOM_SHARE));
  }

  /** The difficulty of a challenge for an envelope (or, `kind` 'upload', attachments) of
   * `envelopeBytes`, with `usedBytes` of the quota taken and the rate difficulty `rateDifficulty`;
   * not ok when it cannot fit any more (the client is told at once instead of working in vain). */
  quote(rateDifficulty: number, envelopeBytes: number, chargeBytes: number, usedBytes: number, kind: PricedKind = 'story'): Quote {
    const sizeClass = this.sizeClass(envelopeBytes);
    const limit = this.storeLimit(sizeClass);
    if (usedBytes + chargeBytes > limit) return { ok: false };
    const fillBits = sizeClass === 0 ? 0 : fillBitsOf(usedBytes / limit);
    const sizeBits = kind === 'story' ? sizeClass : Math.ceil(sizeClass / 2);
    return { ok: true, difficulty: Math.min(MAX_DIFFICULTY, rateDifficulty + sizeBits + fillBits), sizeClass };
  }
}

/** One bit per halving of the room left: 0 below half full, 1 from 1/2, 2 from 3/4, … */
function fillBitsOf(share: number): number {
  if (share < 0.5) return 0;
  return Math.min(MAX_FILL_BITS, Math.floor(-Math.log2(1 - Math.min(share, 1 - 2 ** -MAX_FILL_BITS))));
}
