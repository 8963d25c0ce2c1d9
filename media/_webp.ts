// WebP (RFC 9649): walks the RIFF chunks, keeps the image (VP8, VP8L, ALPH) and animation (ANIM,
// ANMF) chunks, drops ICCP, EXIF, XMP and anything unknown, clears the VP8X flags that announced
// the dropped chunks, and writes the RIFF size anew. Inside an animation frame (ANMF) only the
// frame's image chunks are kept.

import { concatBytes } from '../crypto/bytes.ts';
import { ascii, need, u16le, u24le, u32le, u8 } from './_bytes.ts';
import { summariseExif } from './_exif.ts';
import { refuse } from './_refusal.ts';
import { ReportBuilder, type MetadataKind, type ScrubReport } from './_report.ts';

const HEADER_LENGTH = 12; // "RIFF", size, "WEBP"
const ANMF_HEADER_LENGTH = 16; // RFC 9649 §2.7.1.1
/** VP8X flags kept: alpha and animation (RFC 9649 §2.7); ICC, EXIF, XMP and the reserved bits are
 * cleared. */
const VP8X_KEPT_FLAGS = 0x10 | 0x02;
const IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'ALPH']);
const DROPPED_KINDS: Record<string, MetadataKind[]> = { ICCP: ['icc'], 'XMP ': ['xmp'] };

interface Chunk {
  fourcc: string;
  data: Uint8Array;
  /** Header, data and padding byte, as stored. */
  stored: Uint8Array;
}

/** The chunks of `bytes` from `start` to `end` (RFC 9649 §2.3: each padded to an even length). */
function readChunks(bytes: Uint8Array, start: number, end: number): Chunk[] {
  const chunks: Chunk[] = [];
  let offset = start;
  while (offset < end) {
    if (offset + 8 > end) refuse('malformed', 'a WebP chunk header crosses the end of its container');
    const fourcc = ascii(bytes, offset, 4);
    const size = u32le(bytes, offset + 4);
    const storedLength = 8 + size + (size % 2);
    if (offset + storedLength > end) refuse(end === bytes.length ? 'truncated' : 'malformed', `the WebP chunk ${fourcc.trim()} does not fit in its container`);
    chunks.push({ fourcc, data: bytes.subarray(offset + 8, offset + 8 + size), stored: bytes.subarray(offset, offset + storedLength) });
    offset += storedLength;
  }
  return chunks;
}

function chunkOf(fourcc: string, data: Uint8Array): Uint8Array {
  const header = new Uint8Array(8);
  header.set([...fourcc].map((c) => c.charCodeAt(0)));
  new DataView(header.buffer).setUint32(4, data.length, true);
  return concatBytes(header, data, new Uint8Array(data.length % 2));
}

function dropKinds(chunk: Chunk, report: ReportBuilder): MetadataKind[] {
  if (chunk.fourcc === 'EXIF') {
    const exif = summariseExif(chunk.data);
    report.droppedOrientation ??= exif.orientation;
    return exif.kinds;
  }
  return DROPPED_KINDS[chunk.fourcc] ?? ['other'];
}

/** Width and height from a VP8 key frame (RFC 6386 §9.1) or a VP8L header (RFC 9649 §3.2.1). */
function imageSize(chunk: Chunk): { width: number; height: number } {
  if (chunk.fourcc === 'VP8 ') {
    if (u8(chunk.data, 3) !== 0x9d || u8(chunk.data, 4) !== 0x01 || u8(chunk.data, 5) !== 0x2a) refuse('malformed', 'the WebP VP8 data has no key frame');
    return { width: u16le(chunk.data, 6) & 0x3fff, height: u16le(chunk.data, 8) & 0x3fff };
  }
  if (u8(chunk.data, 0) !== 0x2f) refuse('malformed', 'the WebP VP8L data has no signature');
  const bits = u32le(chunk.data, 1);
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

/** An ANMF chunk with only its frame header and image chunks. */
function scrubFrame(frame: Chunk, report: ReportBuilder): Uint8Array {
  need(frame.data, 0, ANMF_HEADER_LENGTH);
  const parts = readChunks(frame.data, ANMF_HEADER_LENGTH, frame.data.length);
  const kept = parts.filter((part) => IMAGE_CHUNKS.has(part.fourcc));
  if (!kept.some((part) => part.fourcc !== 'ALPH')) refuse('malformed', 'a WebP animation frame has no image');
  for (const part of parts) if (!IMAGE_CHUNKS.has(part.fourcc)) report.remove(`ANMF/${part.fourcc.trim()}`, dropKinds(part, report), part.stored.length);
  return chunkOf('ANMF', concatBytes(frame.data.subarray(0, ANMF_HEADER_LENGTH), ...kept.map((part) => part.stored)));
}

export function scrubWebp(bytes: Uint8Array): { bytes: Uint8Array; report: ScrubReport } {
  const report = new ReportBuilder();
  const riffSize = u32le(bytes, 4);
  if (riffSize % 2 !== 0 || riffSize < 4) refuse('malformed', 'the WebP RIFF size is invalid');
  if (8 + riffSize > bytes.length) refuse('truncated', 'the WebP file is shorter than its RIFF size');
  const trailing = bytes.length - (8 + riffSize);
  const chunks = readChunks(bytes, HEADER_LENGTH, 8 + riffSize);
  const first = chunks[0];
  if (!first) refuse('malformed', 'the WebP file has no chunks');

  const kept: Uint8Array[] = [];
  let size: { width: number; height: number } | undefined;
  let images = 0;
  if (first.fourcc === 'VP8X') {
    if (first.data.length !== 10) refuse('malformed', 'the WebP VP8X chunk is invalid');
    const vp8x = Uint8Array.from(first.data);
    vp8x[0] = vp8x[0]! & VP8X_KEPT_FLAGS;
    vp8x.fill(0, 1, 4); // reserved, must be 0
    size = { width: u24le(vp8x, 4) + 1, height: u24le(vp8x, 7) + 1 };
    kept.push(chunkOf('VP8X', vp8x));
  } else if (first.fourcc !== 'VP8 ' && first.fourcc !== 'VP8L') {
    refuse('malformed', 'the WebP file does not start with an image chunk');
  }
  for (const chunk of first.fourcc === 'VP8X' ? chunks.slice(1) : chunks) {
    if (chunk.fourcc === 'VP8X') refuse('malformed', 'the WebP file has two VP8X chunks');
    if (chunk.fourcc === 'VP8 ' || chunk.fourcc === 'VP8L') {
      const frameSize = imageSize(chunk);
      size ??= frameSize;
      images++;
      kept.push(chunk.stored);
    } else if (chunk.fourcc === 'ALPH' || chunk.fourcc === 'ANIM') {
      kept.push(chunk.stored);
    } else if (chunk.fourcc === 'ANMF') {
      kept.push(scrubFrame(chunk, report));
      images++;
    } else {
      report.remove(chunk.fourcc.trim(), dropKinds(chunk, report), chunk.stored.length);
    }
  }
  if (images === 0 || !size) refuse('malformed', 'the WebP file has no image');
  if (first.fourcc !== 'VP8X' && images > 1) refuse('malformed', 'a simple WebP file holds two images');
  if (trailing > 0) report.remove('data after the RIFF container', ['other'], trailing);

  const body = concatBytes(...kept);
  const header = new Uint8Array(HEADER_LENGTH);
  header.set([0x52, 0x49, 0x46, 0x46]); // RIFF
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  header.set([0x57, 0x45, 0x42, 0x50], 8); // WEBP
  return { bytes: concatBytes(header, body), report: report.finish('webp', size.width, size.height) };
}
