import { expect } from 'vitest';

/** Byte-array equality for large arrays: vitest's deep equality walks element by element and
 * takes seconds on a megabyte; this compares natively and reports only what differs. */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array, message?: string): void {
  const same = Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(
    Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength),
  );
  expect(same, `${message ?? 'bytes differ'} (lengths ${actual.length} and ${expected.length})`).toBe(true);
}
