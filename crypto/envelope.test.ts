// Envelope v1: two independent implementations (noble seals in the browser, libsodium opens in
// the CLI) held together by cross-tests, tampering tests and structural checks.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { hexDecode } from './bytes.ts';
import { EnvelopeError, FormatError } from './errors.ts';
import { checkEnvelope, envelopeSizeFor, parseEnvelope, RECIPIENT_BYTES } from './envelope-format.ts';
import { openEnvelopeNoble, sealEnvelope } from './envelope-noble.ts';
import { openEnvelope, sealEnvelopeSodium } from './envelope-sodium.ts';
import { generateIdentity, type Identity } from './identity.ts';
import { keyIdHex } from './key-id.ts';
import { loadSodium, type Sodium } from './sodium.ts';
import { expectSameBytes } from '../test/support/bytes.ts';
import { randomInt, seededRandom, testSeed } from '../test/support/random.ts';

let sodium: Sodium;
const pool: Identity[] = [];
const keysOf = (ids: Identity[]) => ids.map((i) => ({ x25519PublicKey: i.x25519.publicKey, x25519SecretKey: i.x25519.secretKey }));

beforeAll(async () => {
  sodium = await loadSodium();
  for (let i = 0; i < 18; i++) pool.push(generateIdentity());
});

/** Mostly small payloads, some at bucket boundaries, a few large: where bugs live. */
function payloadSize(random: () => number): number {
  const r = random();
  if (r < 0.6) return randomInt(random, 0, 9000);
  if (r < 0.9) return [4092, 4093, 8188, 8189, 16380, 16381][randomInt(random, 0, 5)]!;
  return randomInt(random, 9000, 1024 * 1024);
}

describe.each([
  ['noble seals, libsodium opens', 'noble' as const],
  ['libsodium seals, noble opens', 'sodium' as const],
])('cross-implementation: %s', (_name, sealer) => {
  // Sized for a loaded 2-core machine: 200 rounds of payloads up to 1 MiB, with room to spare.
  it('200 random round trips: every recipient opens it, a non-recipient cannot', { timeout: 240_000 }, () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    for (let round = 0; round < 200; round++) {
      const n = randomInt(random, 1, 17);
      const start = randomInt(random, 0, pool.length - n - 1);
      const recipients = pool.slice(start, start + n);
      const outsider = pool[(start + n) % pool.length]!;
      const payload = new Uint8Array(randomBytes(payloadSize(random)));
      const pks = recipients.map((r) => r.x25519.publicKey);
      const envelope = sealer === 'noble' ? sealEnvelope(payload, pks) : sealEnvelopeSodium(sodium, payload, pks);
      expect(envelope.length, `seed ${seed}`).toBe(envelopeSizeFor(payload.length, n));
      const open = (key: ReturnType<typeof keysOf>[number]) =>
        sealer === 'noble' ? openEnvelope(sodium, envelope, key) : openEnvelopeNoble(envelope, key);
      // Opening with every recipient costs one X25519 each; check all of them on a third of the
      // rounds and one random recipient on the rest, so every run still covers all positions.
      const who = round % 3 === 0 ? keysOf(recipients) : [keysOf(recipients)[randomInt(random, 0, n - 1)]!];
      for (const key of who) expectSameBytes(open(key), payload, `seed ${seed} round ${round}`);
      expect(() => open(keysOf([outsider])[0]!), `seed ${seed}`).toThrow(EnvelopeError);
    }
  });
});

describe('tampering', () => {
  it('flipping any single bit of an envelope makes opening fail with the one generic error', () => {
    const [me] = keysOf(pool.slice(0, 1));
    const envelope = sealEnvelope(new TextEncoder().encode('Мы поцеловались на остановке.'), [pool[0]!.x25519.publicKey, pool[1]!.x25519.publicKey]);
    const messages = new Set<string>();
    for (let bit = 0; bit < envelope.length * 8; bit++) {
      const copy = envelope.slice();
      copy[bit >> 3]! ^= 1 << (bit & 7);
      // libsodium (the product's opener) gets every bit; the slower noble opener one bit of
      // every byte, a different bit position from byte to byte.
      const openers = [() => openEnvelope(sodium, copy, me!)];
      if ((bit & 7) === (bit >> 3) % 8) openers.push(() => openEnvelopeNoble(copy, me!));
      for (const open of openers) {
        try {
          open();
          throw new Error(`bit ${bit} flipped and the envelope still opened`);
        } catch (error) {
          expect(error).toBeInstanceOf(EnvelopeError);
          messages.add((error as Error).message);
        }
      }
    }
    expect([...messages]).toEqual(['could not open envelope']);
  });

  it('rejects truncation, extension, wrong magic and bad recipient counts, never crashing', () => {
    const [me] = keysOf(pool.slice(0, 1));
    const envelope = sealEnvelope(new Uint8Array(10), [pool[0]!.x25519.publicKey]);
    const variants: Uint8Array[] = [
      envelope.subarray(0, envelope.length - 1),
      envelope.subarray(0, 3),
      new Uint8Array(0),
      Uint8Array.of(...envelope, 0),
      Uint8Array.of(0x53, 0x54, 0x4f, 0x32, ...envelope.subarray(4)),
      Uint8Array.of(...envelope.subarray(0, 4), 0, ...envelope.subarray(5)),
      Uint8Array.of(...envelope.subarray(0, 4), 18, ...envelope.subarray(5)),
      Uint8Array.of(...envelope.subarray(0, 4), 2, ...envelope.subarray(5)),
    ];
    for (const bad of variants) {
      expect(() => openEnvelope(sodium, bad, me!)).toThrow(EnvelopeError);
      expect(() => openEnvelopeNoble(bad, me!)).toThrow(EnvelopeError);
      expect(() => parseEnvelope(bad)).toThrow(FormatError);
    }
  });

  it('rejects duplicate key ids', () => {
    const pk = pool[0]!.x25519.publicKey;
    expect(() => sealEnvelope(new Uint8Array(1), [pk, pk])).toThrow(RangeError);
    const forged = sealEnvelopeSodium(sodium, new Uint8Array(1), [pk, pk]);
    expect(() => parseEnvelope(forged)).toThrow('duplicate recipient');
    expect(() => openEnvelope(sodium, forged, keysOf([pool[0]!])[0]!)).toThrow(EnvelopeError);
  });

  it('refuses low-order X25519 points as recipients and as ephemeral keys', () => {
    const lowOrder = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
      '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    ].map(hexDecode);
    const [me] = keysOf(pool.slice(0, 1));
    for (const point of lowOrder) {
      expect(() => sealEnvelope(new Uint8Array(1), [point])).toThrow();
      const envelope = sealEnvelope(new Uint8Array(1), [pool[0]!.x25519.publicKey]);
      envelope.set(point, 5 + 8); // the ephemeral public key inside the first wrapped key
      expect(() => openEnvelope(sodium, envelope, me!)).toThrow(EnvelopeError);
      expect(() => openEnvelopeNoble(envelope, me!)).toThrow(EnvelopeError);
    }
  });

  it('refuses 0 or 18 recipients when sealing', () => {
    expect(() => sealEnvelope(new Uint8Array(1), [])).toThrow(RangeError);
    expect(() => sealEnvelope(new Uint8Array(1), pool.map((p) => p.x25519.publicKey))).toThrow(RangeError);
  });
});

describe('checkEnvelope (the server check, no secrets)', () => {
  const editors = () => new Set(pool.slice(0, 2).map((p) => keyIdHex(p.x25519.publicKey)));
  const options = () => ({ editorKeyIds: editors(), maxEnvelopeBytes: 3 * 1024 * 1024 });

  it('accepts an envelope for exactly the configured editors', () => {
    const envelope = sealEnvelope(new Uint8Array(100), pool.slice(0, 2).map((p) => p.x25519.publicKey));
    expect(checkEnvelope(envelope, options()).ok).toBe(true);
  });

  it.each([
    ['a missing editor', () => sealEnvelope(new Uint8Array(100), [pool[0]!.x25519.publicKey])],
    ['an unknown recipient', () => sealEnvelope(new Uint8Array(100), [pool[0]!.x25519.publicKey, pool[5]!.x25519.publicKey])],
    ['an extra recipient', () => sealEnvelope(new Uint8Array(100), pool.slice(0, 3).map((p) => p.x25519.publicKey))],
  ])('refuses %s', (_name, make) => {
    expect(checkEnvelope(make(), options())).toEqual({ ok: false, reason: 'recipients do not match the editors' });
  });

  it('refuses oversized and malformed envelopes with a reason', () => {
    const envelope = sealEnvelope(new Uint8Array(100), pool.slice(0, 2).map((p) => p.x25519.publicKey));
    expect(checkEnvelope(envelope, { ...options(), maxEnvelopeBytes: envelope.length - 1 })).toEqual({ ok: false, reason: 'envelope too large' });
    expect(checkEnvelope(envelope.subarray(0, 2 * RECIPIENT_BYTES), options()).ok).toBe(false);
    expect(checkEnvelope(new Uint8Array(5000), options())).toEqual({ ok: false, reason: 'not a Sotto envelope (wrong magic)' });
  });
});
