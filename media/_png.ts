// PNG (PNG specification, 3rd edition, §5 and §11): walks the chunks, checks each CRC, keeps what
// decoding needs and copies each kept chunk byte for byte (its CRC covers only itself, so nothing
// is recomputed). Kept: IHDR, PLTE, IDAT, IEND, tRNS (transparency), and gAMA, cHRM, sRGB: fixed-
// size numbers that say how the stored values map to colours, with no free text; without them
// some images render visibly different. Everything else is dropped, and an unknown critical chunk
// (first letter upper case: the decoder cannot skip it) is refused.

import { concatBytes } from '../crypto/bytes.ts';
import { ascii, need, u32be, u8 } from './_bytes.ts';
import { crc32 } from './_crc32.ts';
import { summariseExif } from './_exif.ts';
import { refuse } from './_refusal.ts';
import { ReportBuilder, type MetadataKind, type ScrubReport } from './_report.ts';

const SIGNATURE_LENGTH = 8;
/** Ancillary chunks kept, with the only data length the specification allows for each. */
const KEPT_ANCILLARY: Record<string, number | undefined> = { gAMA: 4, cHRM: 32, sRGB: 1, tRNS: undefined };
const DROPPED_KINDS: Record<string, MetadataKind[]> = {
  tEXt: ['text'],
  zTXt: ['text'],
  iTXt: ['text'],
  tIME: ['time'],
  iCCP: ['icc'],
};
/** Bit depths allowed for each colour type (§11.2.1, table 11.1). */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const MAX_CHUNK = 0x7fffffff; // §5.3

function dropKinds(type: string, data: Uint8Array, report: ReportBuilder): MetadataKind[] {
  if (type === 'eXIf') {
    const exif = summariseExif(data);
    report.droppedOrientation ??= exif.orientation;
    return exif.kinds;
  }
  // XMP travels in an iTXt chunk with this keyword (XMP specification part 3, §1.1.5).
  if (type === 'iTXt' && ascii(data, 0, Math.min(data.length, 18)) === 'XML:com.adobe.xmp\0') return ['xmp'];
  return DROPPED_KINDS[type] ?? ['other'];
}

export function scrubPng(bytes: Uint8Array): { bytes: Uint8Array; report: ScrubReport } {
  const report = new ReportBuilder();
  const kept: Uint8Array[] = [bytes.subarray(0, SIGNATURE_LENGTH)];
  const seen = new Set<string>();
  let header: { width: number; height: number; colourType: number } | undefined;
  let previous = '';
  let offset = SIGNATURE_LENGTH;
  for (;;) {
    const length = u32be(bytes, offset);
    if (length > MAX_CHUNK) refuse('malformed', 'a PNG chunk has an impossible length');
    const type = ascii(bytes, offset + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) refuse('malformed', 'a PNG chunk has an invalid type');
    need(bytes, offset + 8, length + 4);
    const chunk = bytes.subarray(offset, offset + 12 + length);
    const data = chunk.subarray(8, 8 + length);
    if (crc32(chunk.subarray(4, 8 + length)) !== u32be(chunk, 8 + length)) refuse('malformed', `the PNG chunk ${type} is damaged (CRC mismatch)`);
    offset += 12 + length;

    if (!header && type !== 'IHDR') refuse('malformed', 'the PNG does not start with IHDR');
    if (type === 'IHDR') {
      if (header || length !== 13) refuse('malformed', 'the PNG header is invalid');
      const colourType = u8(data, 9);
      const depthOk = DEPTHS[colourType]?.includes(u8(data, 8)) ?? false;
      header = { width: u32be(data, 0), height: u32be(data, 4), colourType };
      if (!depthOk || header.width === 0 || header.height === 0 || header.width > MAX_CHUNK || header.height > MAX_CHUNK) refuse('malformed', 'the PNG header is invalid');
      kept.push(chunk);
    } else if (type === 'IEND') {
      if (!seen.has('IDAT')) refuse('malformed', 'the PNG has no image data');
      if (header!.colourType === 3 && !seen.has('PLTE')) refuse('malformed', 'the PNG has no palette');
      const trailing = bytes.length - offset;
      if (trailing > 0) report.remove('data after IEND', ['other'], trailing);
      kept.push(chunk);
      return { bytes: concatBytes(...kept), report: report.finish('png', header!.width, header!.height) };
    } else if (type === 'IDAT') {
      // IDAT chunks are consecutive (§5.6); a gap could hide a second image stream.
      if (seen.has('IDAT') && previous !== 'IDAT') refuse('malformed', 'the PNG image data is split');
      kept.push(chunk);
    } else if (type === 'PLTE') {
      if (seen.has('PLTE') || seen.has('IDAT') || length === 0 || length % 3 !== 0 || length > 768) refuse('malformed', 'the PNG palette is invalid');
      kept.push(chunk);
    } else if (type in KEPT_ANCILLARY) {
      const expected = KEPT_ANCILLARY[type];
      if (seen.has(type) || seen.has('IDAT') || (expected !== undefined && length !== expected)) refuse('malformed', `the PNG chunk ${type} is invalid`);
      kept.push(chunk);
    } else if ((type.charCodeAt(0) & 0x20) === 0) {
      refuse('unsupported-type', `the PNG uses the critical chunk ${type}, which is not cleaned`, 'png');
    } else {
      report.remove(type, dropKinds(type, data, report), chunk.length);
    }
    seen.add(type);
    previous = type;
  }
}
