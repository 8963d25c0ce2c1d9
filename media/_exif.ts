// Reads an EXIF block (a TIFF structure: TIFF 6.0 §2, EXIF 2.32 §4.6) only to tell the person
// what it held. The block is removed whatever it holds, so a damaged block is not a refusal: it is
// reported as `exif` with whatever was read before the damage.

import { hasAscii, u16be, u16le, u32be, u32le } from './_bytes.ts';
import { MediaRefusal } from './_refusal.ts';
import type { MetadataKind } from './_report.ts';

const CAMERA_TAGS = new Set([
  0x010f, // Make
  0x0110, // Model
  0x0131, // Software
  0xa431, // BodySerialNumber
  0xa433, // LensMake
  0xa434, // LensModel
  0xa435, // LensSerialNumber
  0xc62f, // CameraSerialNumber (DNG)
]);
const TIME_TAGS = new Set([0x0132, 0x9003, 0x9004, 0x9010, 0x9011, 0x9012]); // DateTime*, OffsetTime*
const GPS_IFD = 0x8825;
const EXIF_IFD = 0x8769;
const ORIENTATION = 0x0112;
/** More entries than any real IFD holds: bounds the work on a hostile block. */
const MAX_ENTRIES = 1000;

export interface ExifSummary {
  kinds: MetadataKind[];
  orientation?: number;
}

/** `block` is the TIFF structure, with or without the "Exif\0\0" prefix JPEG puts before it. */
export function summariseExif(block: Uint8Array): ExifSummary {
  const tiff = hasAscii(block, 0, 'Exif\0\0') ? block.subarray(6) : block;
  const kinds = new Set<MetadataKind>(['exif']);
  const summary: ExifSummary = { kinds: [] };
  try {
    const little = hasAscii(tiff, 0, 'II*\0');
    if (!little && !hasAscii(tiff, 0, 'MM\0*')) return { kinds: ['exif'] };
    const u16 = little ? u16le : u16be;
    const u32 = little ? u32le : u32be;
    const visited = new Set<number>();
    const readIfd = (offset: number, isIfd0: boolean): number => {
      if (visited.has(offset)) return 0; // a loop of IFDs: stop
      visited.add(offset);
      const count = u16(tiff, offset);
      if (count > MAX_ENTRIES) return 0;
      for (let i = 0; i < count; i++) {
        const entry = offset + 2 + i * 12;
        const tag = u16(tiff, entry);
        if (CAMERA_TAGS.has(tag)) kinds.add('camera');
        else if (TIME_TAGS.has(tag)) kinds.add('time');
        else if (tag === GPS_IFD) kinds.add('gps');
        else if (tag === ORIENTATION && isIfd0) summary.orientation = u16(tiff, entry + 8);
        else if (tag === EXIF_IFD && isIfd0) readIfd(u32(tiff, entry + 8), false);
      }
      return u32(tiff, offset + 2 + count * 12);
    };
    const ifd1 = readIfd(u32(tiff, 4), true);
    // IFD1 describes the embedded thumbnail (EXIF 2.32 §4.5.2).
    if (ifd1 !== 0) kinds.add('thumbnail');
  } catch (error) {
    if (!(error instanceof MediaRefusal)) throw error;
  }
  summary.kinds = [...kinds];
  return summary;
}
