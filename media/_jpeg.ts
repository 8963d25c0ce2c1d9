// JPEG (ITU-T T.81 Annex B; JFIF 1.02; EXIF 2.32 §4.7): walks the markers, keeps what decoding
// needs and drops the rest. Kept: SOI, DQT, DHT, DAC, DRI, SOFn (baseline, extended, progressive,
// lossless; Huffman or arithmetic), SOS with its entropy-coded data, DNL, EOI; a JFIF APP0 and an
// Adobe APP14, both rebuilt from their fixed fields only (no thumbnail, no free text). Refused:
// hierarchical JPEG (DHP/EXP), JPEG-LS and any marker T.81 does not define.

import { concatBytes } from '../crypto/bytes.ts';
import { hasAscii, need, u16be, u8 } from './_bytes.ts';
import { summariseExif } from './_exif.ts';
import { refuse } from './_refusal.ts';
import { ReportBuilder, type MetadataKind, type ScrubReport } from './_report.ts';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DQT = 0xdb;
const DNL = 0xdc;
const DRI = 0xdd;
const DHT = 0xc4;
const DAC = 0xcc;
const APP0 = 0xe0;
const APP14 = 0xee;
const COM = 0xfe;
/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC); the differential ones (C5-C7, CD-CF) only
 * occur in hierarchical files, which need DHP and are refused there. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc9, 0xca, 0xcb]);
const KEPT_TABLES = new Set([DQT, DHT, DAC, DRI, DNL]);
const isApp = (marker: number): boolean => marker >= 0xe0 && marker <= 0xef;
const isRst = (marker: number): boolean => marker >= 0xd0 && marker <= 0xd7;

const XMP_IDS = ['http://ns.adobe.com/xap/1.0/\0', 'http://ns.adobe.com/xmp/extension/\0'];

/** What an APPn or COM segment held, for the report. `body` is the segment after its length. */
function classify(marker: number, body: Uint8Array, report: ReportBuilder): { part: string; kinds: MetadataKind[] } {
  if (marker === COM) return { part: 'COM', kinds: ['comment'] };
  const app = `APP${marker - APP0}`;
  if (marker === 0xe1 && hasAscii(body, 0, 'Exif\0')) {
    const exif = summariseExif(body.subarray(6));
    report.droppedOrientation ??= exif.orientation;
    return { part: `${app} Exif`, kinds: exif.kinds };
  }
  if (marker === 0xe1 && XMP_IDS.some((id) => hasAscii(body, 0, id))) return { part: `${app} XMP`, kinds: ['xmp'] };
  if (marker === 0xe2 && hasAscii(body, 0, 'ICC_PROFILE\0')) return { part: `${app} ICC profile`, kinds: ['icc'] };
  // MPF (CIPA DC-007) indexes extra images after EOI: previews of the same photo.
  if (marker === 0xe2 && hasAscii(body, 0, 'MPF\0')) return { part: `${app} MPF`, kinds: ['thumbnail'] };
  if (marker === 0xed && hasAscii(body, 0, 'Photoshop 3.0\0')) return { part: `${app} Photoshop/IPTC`, kinds: ['iptc'] };
  if (marker === APP0 && hasAscii(body, 0, 'JFXX\0')) return { part: `${app} JFXX`, kinds: ['thumbnail'] };
  return { part: app, kinds: ['other'] };
}

/** A JFIF APP0 keeping version, density units and density, with no thumbnail (JFIF 1.02 p. 5). */
function minimalJfif(body: Uint8Array): Uint8Array {
  return Uint8Array.of(0xff, APP0, 0, 16, ...body.subarray(0, 12), 0, 0);
}

/** An Adobe APP14 keeping only version, flags and colour transform: the transform says whether
 * three- and four-component data is YCbCr/YCCK or RGB/CMYK, so dropping it would change colours. */
function minimalAdobe(body: Uint8Array): Uint8Array {
  return Uint8Array.of(0xff, APP14, 0, 14, ...body.subarray(0, 12));
}

/** The offset just after a scan's entropy-coded data: the first marker that is not a stuffed
 * zero (FF 00) or a restart marker (T.81 B.1.1.5). */
function endOfScan(bytes: Uint8Array, start: number): number {
  for (let i = start; i < bytes.length - 1; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (next === 0 || isRst(next)) i++;
    else return i;
  }
  return refuse('truncated', 'the JPEG ends inside its image data');
}

export function scrubJpeg(bytes: Uint8Array): { bytes: Uint8Array; report: ScrubReport } {
  const report = new ReportBuilder();
  const kept: Uint8Array[] = [Uint8Array.of(0xff, SOI)];
  let offset = 2;
  let frame: { width: number; height: number } | undefined;
  let scans = 0;
  let jfifKept = false;
  let adobeKept = false;
  for (;;) {
    if (u8(bytes, offset) !== 0xff) refuse('malformed', `no JPEG marker at byte ${offset}`);
    while (u8(bytes, offset + 1) === 0xff) offset++; // fill bytes (T.81 B.1.1.2)
    const marker = bytes[offset + 1]!;
    if (marker === EOI) {
      if (scans === 0 || !frame) refuse('malformed', 'the JPEG has no image data');
      const trailing = bytes.length - (offset + 2);
      // Data after EOI is not part of the image: cameras put previews (MPF) and apps put
      // whole files there.
      if (trailing > 0) report.remove('data after the end of the image', ['other'], trailing);
      kept.push(Uint8Array.of(0xff, EOI));
      return { bytes: concatBytes(...kept), report: report.finish('jpeg', frame.width, frame.height) };
    }
    if (marker === SOI || isRst(marker) || marker === 0x01 || marker === 0x00) refuse('malformed', `unexpected JPEG marker FF${hex(marker)}`);
    const length = u16be(bytes, offset + 2);
    if (length < 2) refuse('malformed', 'a JPEG segment has an impossible length');
    need(bytes, offset + 2, length);
    const segment = bytes.subarray(offset, offset + 2 + length);
    const body = segment.subarray(4);
    offset += 2 + length;

    if (SOF.has(marker)) {
      if (frame) refuse('malformed', 'the JPEG has two frames');
      const components = u8(body, 5);
      if (length !== 8 + 3 * components || components === 0) refuse('malformed', 'the JPEG frame header is inconsistent');
      frame = { height: u16be(body, 1), width: u16be(body, 3) };
      kept.push(segment);
    } else if (marker === SOS) {
      if (!frame) refuse('malformed', 'the JPEG has image data before its frame header');
      const components = u8(body, 0);
      if (length !== 6 + 2 * components || components === 0) refuse('malformed', 'the JPEG scan header is inconsistent');
      const end = endOfScan(bytes, offset);
      kept.push(segment, bytes.subarray(offset, end));
      offset = end;
      scans++;
    } else if (KEPT_TABLES.has(marker)) {
      kept.push(segment);
    } else if (marker === APP0 && hasAscii(body, 0, 'JFIF\0') && body.length >= 14 && !jfifKept) {
      const thumbnailBytes = 3 * body[12]! * body[13]!;
      if (body.length < 14 + thumbnailBytes) refuse('malformed', 'the JFIF header is inconsistent');
      if (thumbnailBytes > 0 || body.length > 14) report.remove('APP0 JFIF thumbnail', ['thumbnail'], body.length - 14);
      kept.push(minimalJfif(body));
      jfifKept = true;
    } else if (marker === APP14 && hasAscii(body, 0, 'Adobe') && body.length >= 12 && !adobeKept) {
      if (body.length > 12) report.remove('APP14 Adobe extra data', ['other'], body.length - 12);
      kept.push(minimalAdobe(body));
      adobeKept = true;
    } else if (isApp(marker) || marker === COM) {
      const { part, kinds } = classify(marker, body, report);
      report.remove(part, kinds, segment.length);
    } else if (marker === 0xde || marker === 0xdf || (marker >= 0xc5 && marker <= 0xcf)) {
      refuse('unsupported-type', 'hierarchical and differential JPEG files are not cleaned', 'jpeg');
    } else {
      refuse('unsupported-type', `the JPEG uses marker FF${hex(marker)}, which is not cleaned`, 'jpeg');
    }
  }
}

const hex = (byte: number): string => byte.toString(16).toUpperCase().padStart(2, '0');
