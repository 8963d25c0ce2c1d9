// Test images with identifying metadata (built on media/test/fixtures), and independent readers
// to check the scrubber's output: exiftool (Debian libimage-exiftool-perl) for what metadata
// remains, and small walkers written here, apart from the scrubber, for the image data that must
// survive byte for byte. Used by media/test and by the CLI's artwork test.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../media/test/fixtures');
export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(fixtures, name)));

/** Runs exiftool on `bytes` in a temporary folder; `args` before the file name. */
function exiftool(bytes: Uint8Array, args: string[], extension: string): { stdout: string; file: Uint8Array } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sotto-media-'));
  try {
    const file = path.join(dir, `image.${extension}`);
    writeFileSync(file, bytes);
    writeFileSync(path.join(dir, 'thumb.jpg'), fixture('chromium-16x12.jpg'));
    const stdout = execFileSync('exiftool', [...args, file], { cwd: dir, encoding: 'utf8' });
    return { stdout, file: new Uint8Array(readFileSync(file)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every tag exiftool reads, as "Group0:Group1:Tag" → value. */
export function exifTags(bytes: Uint8Array, extension: string): Record<string, unknown> {
  const [tags] = JSON.parse(exiftool(bytes, ['-j', '-G0:1', '-a', '-u', '-m'], extension).stdout) as [Record<string, unknown>];
  return tags;
}

/** Tags that are not about the file system or the image's own structure: metadata. */
export function metadataTags(tags: Record<string, unknown>): string[] {
  const structural = /^(SourceFile|ExifTool:|File:System:|File:(FileType|FileTypeExtension|MIMEType|ImageWidth|ImageHeight|EncodingProcess|BitsPerSample|ColorComponents|YCbCrSubSampling)$|JFIF:(JFIFVersion|ResolutionUnit|XResolution|YResolution)$|APP14:|RIFF:(ImageWidth|ImageHeight|VP8Version|HorizontalScale|VerticalScale|WebP_Flags|AlphaPreprocessing|AlphaFiltering|AlphaCompression)$|PNG:(ImageWidth|ImageHeight|BitDepth|ColorType|Compression|Filter|Interlace|Gamma|SRGBRendering|WhitePointX|WhitePointY|RedX|RedY|GreenX|GreenY|BlueX|BlueY|Palette|Transparency)$|Composite:(ImageSize|Megapixels|YCbCrSubSampling))/;
  return Object.keys(tags).filter((key) => !structural.test(key));
}

/** Every kind of identifying metadata exiftool can write into a JPEG, an EXIF thumbnail and an
 * EXIF orientation of 6 (rotate 90° clockwise) included. The fixture's ICC profile stays. */
export const IDENTIFYING_TAGS = [
  '-GPSLatitude=55.75', '-GPSLatitudeRef=N', '-GPSLongitude=37.61', '-GPSLongitudeRef=E',
  '-Make=Sotto', '-Model=TestCam', '-SerialNumber=SN123456', '-DateTimeOriginal=2026:01:02 03:04:05',
  '-XMP:Creator=Anna Ivanova', '-XMP:City=Kazan', '-IPTC:City=Kazan', '-IPTC:By-line=Anna Ivanova', '-Comment=my address is',
  '-ThumbnailImage<=thumb.jpg', '-Orientation#=6',
];

export function withMetadata(bytes: Uint8Array, extension: string, tags = IDENTIFYING_TAGS): Uint8Array {
  return exiftool(bytes, ['-q', '-overwrite_original', ...tags], extension).file;
}

/** The JPEG from its first SOS marker to the end (scans and EOI), found by walking the marker
 * segments (T.81 B.1.1.4): the image data the scrubber must keep as it is. */
export function jpegScanData(bytes: Uint8Array): Uint8Array {
  let offset = 2;
  while (bytes[offset + 1] !== 0xda) offset += 2 + ((bytes[offset + 2]! << 8) | bytes[offset + 3]!);
  return bytes.subarray(offset);
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

export function pngChunk(type: string, data: Uint8Array | string): Uint8Array {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return new Uint8Array(out);
}

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** A 16×12 RGBA gradient, its IDAT split in two chunks, with gamma and sRGB, and the metadata
 * chunks photo and screenshot tools write: text (plain, compressed, international), XMP, EXIF with
 * GPS, modification time, an ICC profile and a physical size. */
export function pngWithMetadata(): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(16, 0);
  ihdr.writeUInt32BE(12, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(12 * (1 + 16 * 4));
  for (let y = 0; y < 12; y++) for (let x = 0; x < 16; x++) raw.set([x * 16, y * 20, (x + y) * 8, 255 - x], y * 65 + 1 + x * 4);
  const idat = deflateSync(raw);
  const exif = withMetadata(fixture('chromium-16x12.jpg'), 'jpg', ['-GPSLatitude=55.75', '-GPSLatitudeRef=N', '-Make=Sotto']);
  const tiff = exif.subarray(Buffer.from(exif).indexOf('Exif\0\0') + 6);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('gAMA', Uint8Array.of(0, 0, 0xb1, 0x8f)),
    pngChunk('sRGB', Uint8Array.of(0)),
    pngChunk('iCCP', Buffer.concat([Buffer.from('My Scanner\0\0', 'latin1'), deflateSync(Buffer.from('fake profile of serial 42'))])),
    pngChunk('pHYs', Uint8Array.of(0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1)),
    pngChunk('tEXt', 'Author\0Anna Ivanova'),
    pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), deflateSync(Buffer.from('taken at home'))])),
    pngChunk('iTXt', 'XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Anna</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>'),
    pngChunk('eXIf', tiff),
    pngChunk('tIME', Uint8Array.of(0x07, 0xea, 1, 2, 3, 4, 5)),
    pngChunk('IDAT', idat.subarray(0, 20)),
    pngChunk('IDAT', idat.subarray(20)),
    pngChunk('tEXt', 'Software\0Sotto test'),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** The chunks of a PNG (type and data), walked separately from the scrubber. */
export function pngChunks(bytes: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const chunks = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = view.readUInt32BE(offset);
    chunks.push({ type: view.toString('latin1', offset + 4, offset + 8), data: bytes.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

/** The top-level chunks of a WebP (RIFF) file, walked separately from the scrubber. */
export function riffChunks(bytes: Uint8Array): { fourcc: string; data: Uint8Array }[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const chunks = [];
  for (let offset = 12; offset < bytes.length; ) {
    const size = view.readUInt32LE(offset + 4);
    chunks.push({ fourcc: view.toString('latin1', offset, offset + 4), data: bytes.subarray(offset + 8, offset + 8 + size) });
    offset += 8 + size + (size % 2);
  }
  return chunks;
}
