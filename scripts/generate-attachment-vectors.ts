// Writes test/vectors/attachment-v1.json: known-answer vectors for attachment v1
// (crypto/attachment-format.ts, SECURITY.md §2 "Attachments"). Run once; the committed file is the
// reference (re-running makes new random keys, equally valid). The images are generated, not
// stored: byte i of an image is (i * 31 + seed) mod 256.
//   node --import tsx scripts/generate-attachment-vectors.ts
import { writeFileSync } from 'node:fs';
import { hexEncode } from '../crypto/bytes.ts';
import { sealAttachment } from '../crypto/attachment-noble.ts';
import { sealAttachmentSodium } from '../crypto/attachment-sodium.ts';
import { loadSodium } from '../crypto/sodium.ts';
import { ATTACHMENT_KEY_BYTES } from '../crypto/attachment-format.ts';
import { randomBytes } from 'node:crypto';

const vectorImage = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);

const sodium = await loadSodium();
const cases: { description: string; length: number; sealer: 'noble' | 'sodium' }[] = [
  { description: 'one byte: padded to 4096, one chunk', length: 1, sealer: 'noble' },
  { description: '4096 bytes: exactly the smallest padded size', length: 4096, sealer: 'sodium' },
  { description: '5000 bytes: Padmé rounds to 5120', length: 5000, sealer: 'noble' },
  { description: '65536 bytes: exactly one whole chunk', length: 65_536, sealer: 'noble' },
  { description: '65537 bytes: two chunks, the last one short', length: 65_537, sealer: 'sodium' },
  { description: '140000 bytes: three chunks', length: 140_000, sealer: 'noble' },
];

const vectors = cases.map(({ description, length, sealer }, seed) => {
  const image = vectorImage(length, seed);
  let key: Uint8Array;
  let sealed: Uint8Array;
  if (sealer === 'noble') ({ key, sealed } = sealAttachment(image));
  else {
    key = randomBytes(ATTACHMENT_KEY_BYTES);
    sealed = sealAttachmentSodium(sodium, key, image);
  }
  return { description, sealer, length, seed, key: hexEncode(key), sealed: hexEncode(sealed) };
});
writeFileSync(new URL('../test/vectors/attachment-v1.json', import.meta.url), `${JSON.stringify(vectors, null, 1)}\n`);
console.log(`wrote ${vectors.length} attachment vectors`);
