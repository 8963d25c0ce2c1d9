// Bounds-checked reads for the format parsers. Every read past the end throws the `truncated`
// refusal, so a parser never reads undefined and never has to check lengths twice.

import { refuse } from './_refusal.ts';

export function need(bytes: Uint8Array, offset: number, length: number): void {
  if (offset < 0 || length < 0 || offset + length > bytes.length) refuse('truncated', 'the file ends in the middle of a part');
}

export function u8(bytes: Uint8Array, offset: number): number {
  need(bytes, offset, 1);
  return bytes[offset]!;
}

export function u16be(bytes: Uint8Array, offset: number): number {
  need(bytes, offset, 2);
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

export function u32be(bytes: Uint8Array, offset: number): number {
  need(bytes, offset, 4);
  return ((bytes[offset]! << 24) >>> 0) + ((bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!);
}

export function u16le(bytes: Uint8Array, offset: number): number {
  need(bytes, offset, 2);
  return bytes[offset]! | (bytes[offset + 1]! << 8);
}

export function u24le(bytes: Uint8Array, offset: number): number {
  need(bytes, offset, 3);
  return bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16);
}

export function u32le(bytes: Uint8Array, offset: number): number {
  need(bytes, offset, 4);
  return (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16)) + ((bytes[offset + 3]! << 24) >>> 0);
}

/** The bytes at `offset` as Latin-1 text (for four-character codes and identifiers). */
export function ascii(bytes: Uint8Array, offset: number, length: number): string {
  need(bytes, offset, length);
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/** Whether `bytes` holds `text` (Latin-1) at `offset`; false when it does not fit. */
export function hasAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}
