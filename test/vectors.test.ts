// The committed vectors (test/vectors/envelope-v1.json) open with both implementations and
// give exactly the recorded payload; any change to the format breaks this test.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { x25519 } from '@noble/curves/ed25519.js';
import { hexDecode } from '../crypto/bytes.ts';
import { EnvelopeError } from '../crypto/errors.ts';
import { envelopeSizeFor, parseEnvelope } from '../crypto/envelope-format.ts';
import { openEnvelopeNoble } from '../crypto/envelope-noble.ts';
import { openEnvelope } from '../crypto/envelope-sodium.ts';
import { keyIdOf } from '../crypto/key-id.ts';
import { loadSodium, type Sodium } from '../crypto/sodium.ts';
import { expectSameBytes } from './support/bytes.ts';

interface Vector {
  description: string;
  recipients: { x25519SecretKey: string; x25519PublicKey: string }[];
  envelope: string;
  payload: string;
}

const vectors: Vector[] = JSON.parse(readFileSync(new URL('./vectors/envelope-v1.json', import.meta.url), 'utf8'));
let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

describe('envelope v1 vectors', () => {
  it('cover what the spec promises', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(10);
    expect(vectors.some((v) => v.recipients.length === 1)).toBe(true);
    expect(vectors.some((v) => v.recipients.length === 16)).toBe(true);
    expect(vectors.some((v) => v.payload.length / 2 === 4092)).toBe(true);
  });

  it.each(vectors.map((v) => [v.description, v] as const))('%s', (_description, vector) => {
    const envelope = hexDecode(vector.envelope);
    const payload = hexDecode(vector.payload);
    const parsed = parseEnvelope(envelope);
    expect(envelope.length).toBe(envelopeSizeFor(payload.length, vector.recipients.length));
    vector.recipients.forEach((r, i) => {
      const key = { x25519PublicKey: hexDecode(r.x25519PublicKey), x25519SecretKey: hexDecode(r.x25519SecretKey) };
      expect(x25519.getPublicKey(key.x25519SecretKey)).toEqual(key.x25519PublicKey);
      expect(parsed.recipients[i]!.keyId).toEqual(keyIdOf(key.x25519PublicKey));
      expectSameBytes(openEnvelope(sodium, envelope, key), payload);
      expectSameBytes(openEnvelopeNoble(envelope, key), payload);
    });
    const tampered = envelope.slice();
    tampered[tampered.length - 1]! ^= 0x80;
    const first = vector.recipients[0]!;
    expect(() => openEnvelope(sodium, tampered, { x25519PublicKey: hexDecode(first.x25519PublicKey), x25519SecretKey: hexDecode(first.x25519SecretKey) })).toThrow(EnvelopeError);
  });
});
