import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Id, resolveStoryId, shortId } from './short-id.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const wireId = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** Crockford base32 by another road: the 128 bits as one number, padded to 130 bits. */
function viaBigInt(bytes: Uint8Array): string {
  const value = BigInt(`0x${Buffer.from(bytes).toString('hex')}`) << 2n;
  return value.toString(32).padStart(26, '0').replace(/[0-9a-v]/g, (d) => CROCKFORD[parseInt(d, 32)]!);
}

describe('short ids', () => {
  it('are the Crockford base32 form of the id bytes, cut to 8 characters in two groups', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
      const id = wireId(bytes);
      expect(base32Id(id)).toBe(viaBigInt(bytes));
      expect(shortId(id)).toBe(`${viaBigInt(bytes).slice(0, 4)}-${viaBigInt(bytes).slice(4, 8)}`);
    }), { numRuns: 300 });
    expect(shortId(wireId(new Uint8Array(16)))).toBe('0000-0000');
    expect(base32Id(wireId(new Uint8Array(16).fill(255)))).toBe('ZZZZZZZZZZZZZZZZZZZZZZZZZW');
  });

  const ids = [new Uint8Array(16), Uint8Array.from({ length: 16 }, (_, i) => i * 17), Uint8Array.from({ length: 16 }, (_, i) => 255 - i)].map(wireId);
  const ambiguous = [Uint8Array.from({ length: 16 }, (_, i) => (i === 15 ? 1 : 0)), Uint8Array.from({ length: 16 }, (_, i) => (i === 6 ? 1 : 0))].map(wireId);

  it('are found from any prefix of 4 characters or more, in any case, with or without the dash', () => {
    for (const id of ids) {
      const full = base32Id(id);
      for (const typed of [shortId(id), shortId(id).toLowerCase(), full.slice(0, 4), full.slice(0, 6).toLowerCase(), full, ` ${full.slice(0, 5)} `]) {
        expect(resolveStoryId(typed, ids)).toBe(id);
      }
      expect(resolveStoryId(id, ids)).toBe(id); // the wire id, in full
    }
  });

  it('read I and L as 1 and O as 0', () => {
    const id = wireId(Uint8Array.from({ length: 16 }, () => 0x08)); // 1040 2081 ...
    expect(base32Id(id).slice(0, 4)).toBe('1040');
    expect(resolveStoryId('i04o', [id])).toBe(id);
    expect(resolveStoryId('L040', [id])).toBe(id);
  });

  it('refuse short, unknown, malformed and ambiguous input with a clear message', () => {
    expect(() => resolveStoryId('7KQ', ids)).toThrow('give at least 4 characters of the story id');
    expect(() => resolveStoryId('7KQ2-M9XD', ids)).toThrow('no story "7KQ2-M9XD" in the vault');
    expect(() => resolveStoryId('7KU!', ids)).toThrow('"7KU!" is not a story id (ids look like 7KQ2-M9XD)');
    const all = [...ids, ...ambiguous];
    expect(() => resolveStoryId('0000', all)).toThrow('"0000" matches 3 stories (0000-0000-0000-0000-0000-0000-00, 0000-0000-0000-0000-0000-0000-04, 0000-0000-000G-0000-0000-0000-00); give more characters');
    expect(() => resolveStoryId('0000-0000-0000', all)).toThrow('"0000-0000-0000" matches 2 stories (0000-0000-0000-0000-0000-0000-00, 0000-0000-0000-0000-0000-0000-04)');
    // candidates are listed only as long as it takes to tell them apart (at least as shown)
    expect(() => resolveStoryId('0000', [ids[0]!, ambiguous[1]!])).toThrow('"0000" matches 2 stories (0000-0000-0000, 0000-0000-000G)');
  });
});
