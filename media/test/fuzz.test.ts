// Hostile input: mutated real files and random bytes behind each signature. The scrubber either
// cleans (never growing the file, and its output cleans to itself) or refuses with MediaRefusal;
// it never throws anything else and never hangs.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MediaRefusal, scrubImage } from '../index.ts';
import { fixture, pngWithMetadata, withMetadata } from '../../test/support/images.ts';

const seeds = [
  withMetadata(fixture('chromium-16x12.jpg'), 'jpg'),
  pngWithMetadata(),
  withMetadata(fixture('chromium-alpha-16x12.webp'), 'webp', ['-Make=Sotto', '-XMP:Creator=Anna']),
];

type Mutation = { kind: 'flip' | 'insert' | 'delete' | 'truncate'; at: number; byte: number; length: number };
const mutation = fc.record({
  kind: fc.constantFrom('flip', 'insert', 'delete', 'truncate'),
  at: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
  length: fc.integer({ min: 1, max: 64 }),
}) as fc.Arbitrary<Mutation>;

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Uint8Array.from(seed);
  for (const { kind, at, byte, length } of mutations) {
    const i = at % (bytes.length + 1);
    if (kind === 'flip' && i < bytes.length) bytes[i] = byte;
    else if (kind === 'insert') bytes = new Uint8Array([...bytes.subarray(0, i), ...new Array<number>(length).fill(byte), ...bytes.subarray(i)]);
    else if (kind === 'delete') bytes = new Uint8Array([...bytes.subarray(0, i), ...bytes.subarray(i + length)]);
    else if (kind === 'truncate') bytes = bytes.subarray(0, i);
  }
  return bytes;
}

/** Cleans or refuses; anything else fails the property. */
function checkScrub(input: Uint8Array): void {
  let output: Uint8Array;
  try {
    output = scrubImage(input).bytes;
  } catch (error) {
    if (error instanceof MediaRefusal) return;
    throw error;
  }
  expect(output.length).toBeLessThanOrEqual(input.length);
  const again = scrubImage(output);
  expect(again.bytes).toEqual(output);
  expect(again.report.found).toEqual([]);
}

describe('scrubImage under hostile input', () => {
  it('mutated real files: cleaned (no larger, stable) or refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        checkScrub(mutate(seeds[which]!, mutations));
      }),
      { numRuns: 1500 },
    );
  });

  it('random bytes behind each signature: refused or cleaned, nothing else', () => {
    const signatures = [[0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [...Buffer.from('RIFF\x20\x00\x00\x00WEBP', 'latin1')], []];
    fc.assert(
      fc.property(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 256 }), (signature, rest) => {
        checkScrub(new Uint8Array([...signature, ...rest]));
      }),
      { numRuns: 2000 },
    );
  });
});
