// Names what a file is from its first bytes, so a refusal can say "this is a PDF" rather than
// "unknown". Only JPEG, PNG and WebP are cleaned; every other answer leads to a refusal.

import { hasAscii } from './_bytes.ts';

export type SniffedType = 'jpeg' | 'png' | 'webp' | 'pdf' | 'gif' | 'heic' | 'avif' | 'tiff' | 'bmp' | 'svg' | 'unknown';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffType(bytes: Uint8Array): SniffedType {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'WEBP')) return 'webp';
  if (hasAscii(bytes, 0, '%PDF')) return 'pdf';
  if (hasAscii(bytes, 0, 'GIF8')) return 'gif';
  if (hasAscii(bytes, 4, 'ftyp')) {
    if (['avif', 'avis'].some((brand) => hasAscii(bytes, 8, brand))) return 'avif';
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].some((brand) => hasAscii(bytes, 8, brand))) return 'heic';
  }
  if (hasAscii(bytes, 0, 'II*\0') || hasAscii(bytes, 0, 'MM\0*')) return 'tiff';
  if (hasAscii(bytes, 0, 'BM')) return 'bmp';
  const head = String.fromCharCode(...bytes.subarray(0, 512)).toLowerCase();
  if (/^\s*(<\?xml|<svg|<!doctype svg)/.test(head.replace(/^\ufeff|^\xef\xbb\xbf/, '')) || head.includes('<svg')) return 'svg';
  return 'unknown';
}
