import { describe, expect, it } from 'vitest';
import { envelopeSizeFor } from '../crypto/envelope-format.ts';
import { MAX_PAYLOAD_BYTES } from '../crypto/pad.ts';
import { BASE_PAYLOAD_BYTES, HEADROOM_SHARE, MAX_FILL_BITS, PowPrice } from './pow-price.ts';

const QUOTA = 1024 * 1024 * 1024;
const price = new PowPrice(2, QUOTA);
const envelope = (payload: number) => envelopeSizeFor(payload, 2);
const quote = (bytes: number, used: number, rate = 16) => price.quote(rate, bytes, bytes + 128, used);

describe('PowPrice', () => {
  it('prices a base-size story at the rate difficulty, however full the quota', () => {
    for (const payload of [0, 3000, BASE_PAYLOAD_BYTES]) {
      for (const used of [0, QUOTA / 2, QUOTA * 0.99]) expect(quote(envelope(payload), used)).toEqual({ ok: true, difficulty: 16, sizeClass: 0 });
    }
    expect(quote(envelope(1000), 0, 18)).toEqual({ ok: true, difficulty: 18, sizeClass: 0 });
  });

  it('adds a bit per doubling of the envelope above the base size (a padding bucket each)', () => {
    expect(price.sizeClass(envelope(BASE_PAYLOAD_BYTES + 1))).toBe(1);
    expect(price.sizeClass(envelope(64 * 1024))).toBe(4); // the 128 KiB bucket
    expect(price.sizeClass(envelope(MAX_PAYLOAD_BYTES))).toBe(8); // the 2 MiB bucket
    expect(quote(envelope(MAX_PAYLOAD_BYTES), 0)).toEqual({ ok: true, difficulty: 24, sizeClass: 8 });
  });

  it('adds a bit per halving of the room left to large envelopes, and keeps the headroom for short ones', () => {
    const big = envelope(MAX_PAYLOAD_BYTES);
    const room = QUOTA * (1 - HEADROOM_SHARE);
    expect(quote(big, room * 0.49)).toMatchObject({ difficulty: 24 });
    expect(quote(big, room * 0.5)).toMatchObject({ difficulty: 25 });
    expect(quote(big, room * 0.75)).toMatchObject({ difficulty: 26 });
    expect(quote(big, room - big - 200)).toMatchObject({ difficulty: 24 + MAX_FILL_BITS });
    expect(quote(big, room - big)).toEqual({ ok: false });
    expect(quote(envelope(100), room)).toEqual({ ok: true, difficulty: 16, sizeClass: 0 });
    expect(quote(envelope(100), QUOTA - 100)).toEqual({ ok: false });
    expect(price.storeLimit(0)).toBe(QUOTA);
    expect(price.storeLimit(1)).toBe(Math.floor(room));
  });

  it('prices an upload of attachments one bit per two doublings, with the same headroom and fill bits', () => {
    const photo = 5 * 1024 * 1024;
    const sizeClass = price.sizeClass(photo);
    expect(price.quote(16, photo, photo + 128, 0, 'upload')).toEqual({ ok: true, difficulty: 16 + Math.ceil(sizeClass / 2), sizeClass });
    expect(price.quote(16, photo, photo + 128, 0, 'story')).toMatchObject({ difficulty: 16 + sizeClass });
    const room = QUOTA * (1 - HEADROOM_SHARE);
    expect(price.quote(16, photo, photo + 128, room * 0.5, 'upload')).toMatchObject({ difficulty: 16 + Math.ceil(sizeClass / 2) + 1 });
    expect(price.quote(16, photo, photo + 128, room - photo, 'upload')).toEqual({ ok: false });
  });
});
