// Writes test/vectors/envelope-v1.json: known-answer vectors for envelope v1 that any libsodium
// binding can check by following SECURITY.md alone. Run once; the committed file is the
// reference (re-running makes new random keys and envelopes, equally valid).
//   node --import tsx scripts/generate-envelope-vectors.ts
import { writeFileSync } from 'node:fs';
import { hexEncode, utf8Encode } from '../crypto/bytes.ts';
import { sealEnvelope } from '../crypto/envelope-noble.ts';
import { sealEnvelopeSodium } from '../crypto/envelope-sodium.ts';
import { generateIdentity } from '../crypto/identity.ts';
import { loadSodium } from '../crypto/sodium.ts';

const sodium = await loadSodium();
const repeat = (text: string, bytes: number) => utf8Encode(text.repeat(Math.ceil(bytes / text.length)).slice(0, bytes));
const testimony = (story: string) =>
  utf8Encode(JSON.stringify({ v: 1, story, language: 'ru', consent: true, replyKey: 'A'.repeat(43) }));

const cases: { description: string; recipients: number; payload: Uint8Array; sealer: 'noble' | 'sodium' }[] = [
  { description: 'empty payload, 1 recipient', recipients: 1, payload: new Uint8Array(0), sealer: 'noble' },
  { description: 'one-byte payload, 1 recipient, sealed with libsodium', recipients: 1, payload: Uint8Array.of(0x2a), sealer: 'sodium' },
  { description: 'small Cyrillic testimony document, 3 recipients', recipients: 3, payload: testimony('Мы впервые поцеловались на остановке.'), sealer: 'noble' },
  { description: 'payload of 4092 bytes: exactly fills the smallest 4096-byte bucket', recipients: 1, payload: repeat('a', 4092), sealer: 'noble' },
  { description: 'payload of 4093 bytes: the first size padded to 8192', recipients: 2, payload: repeat('b', 4093), sealer: 'sodium' },
  { description: 'payload of 8188 bytes: exactly fills the 8192-byte bucket', recipients: 2, payload: repeat('c', 8188), sealer: 'noble' },
  { description: '16 recipients (the maximum), small payload', recipients: 16, payload: testimony('Шестнадцать редакторов.'), sealer: 'noble' },
  { description: '16 recipients, 10 000-byte payload, sealed with libsodium', recipients: 16, payload: repeat('Ж', 10_000), sealer: 'sodium' },
  { description: 'emoji and mixed scripts', recipients: 2, payload: utf8Encode('🌈 Привіт, Bonjour, Привет 🏳️‍🌈'), sealer: 'noble' },
  { description: 'payload of 100 000 bytes, 2 recipients', recipients: 2, payload: repeat('Казань ', 100_000), sealer: 'noble' },
  { description: 'large payload of 262 140 bytes: fills the 262 144-byte bucket exactly', recipients: 1, payload: repeat('x', 262_140), sealer: 'sodium' },
  { description: 'binary payload with zero bytes at the end (padding must keep them)', recipients: 1, payload: Uint8Array.of(1, 2, 0, 0, 0), sealer: 'noble' },
];

const vectors = cases.map(({ description, recipients, payload, sealer }) => {
  const ids = Array.from({ length: recipients }, generateIdentity);
  const pks = ids.map((id) => id.x25519.publicKey);
  const envelope = sealer === 'noble' ? sealEnvelope(payload, pks) : sealEnvelopeSodium(sodium, payload, pks);
  return {
    description,
    recipients: ids.map((id) => ({ x25519SecretKey: hexEncode(id.x25519.secretKey), x25519PublicKey: hexEncode(id.x25519.publicKey) })),
    envelope: hexEncode(envelope),
    payload: hexEncode(payload),
  };
});

writeFileSync(new URL('../test/vectors/envelope-v1.json', import.meta.url), `${JSON.stringify(vectors, null, 1)}\n`);
console.log(`wrote ${vectors.length} vectors`);
