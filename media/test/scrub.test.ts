// The scrubber on real files: metadata written by exiftool (or by the test, for PNG chunks) is
// gone by exiftool's own reading of the result, and the image data is unchanged byte for byte.

import { describe, expect, it } from 'vitest';
import { MediaRefusal, scrubImage, type ScrubResult } from '../index.ts';
import { exifTags, fixture, jpegScanData, metadataTags, pngChunk, pngChunks, pngWithMetadata, riffChunks, withMetadata } from '../../test/support/images.ts';

function refusalOf(bytes: Uint8Array): MediaRefusal {
  try {
    scrubImage(bytes);
  } catch (error) {
    if (error instanceof MediaRefusal) return error;
    throw error;
  }
  throw new Error('not refused');
}

function expectIdempotent(result: ScrubResult): void {
  const again = scrubImage(result.bytes);
  expect(again.bytes).toEqual(result.bytes);
  expect(again.report.found).toEqual([]);
}

describe('JPEG', () => {
  const original = fixture('chromium-16x12.jpg');
  const dirty = withMetadata(original, 'jpg');

  it('the test image carries every kind of metadata (by exiftool)', () => {
    const tags = exifTags(dirty, 'jpg');
    for (const key of ['EXIF:GPS:GPSLatitude', 'EXIF:IFD0:Make', 'EXIF:ExifIFD:SerialNumber', 'EXIF:ExifIFD:DateTimeOriginal', 'EXIF:IFD1:ThumbnailImage', 'XMP:XMP-dc:Creator', 'IPTC:City', 'ICC_Profile:ProfileDescription', 'File:Comment']) {
      expect(tags).toHaveProperty([key]);
    }
  });

  it('removes all of it, reports each kind and the orientation, and keeps the scans byte for byte', () => {
    const result = scrubImage(dirty);
    expect(result.mediaType).toBe('image/jpeg');
    expect(result.report).toMatchObject({ format: 'jpeg', width: 16, height: 12, droppedOrientation: 6 });
    expect(result.report.found).toEqual(['gps', 'camera', 'time', 'thumbnail', 'exif', 'xmp', 'iptc', 'icc', 'comment']);
    const tags = exifTags(result.bytes, 'jpg');
    expect(metadataTags(tags)).toEqual([]);
    expect(tags).toMatchObject({ 'File:ImageWidth': 16, 'File:ImageHeight': 12, 'JFIF:JFIFVersion': 1.01 });
    expect(jpegScanData(result.bytes)).toEqual(jpegScanData(dirty));
    expect(jpegScanData(result.bytes)).toEqual(jpegScanData(original));
    expect(result.bytes.length).toBeLessThan(dirty.length);
    expectIdempotent(result);
  });

  it('drops data after the end of the image, and a JFIF thumbnail', () => {
    const jfifWithThumbnail = Uint8Array.of(0xff, 0xe0, 0, 16 + 3, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 9, 9, 9);
    const file = new Uint8Array([...original.subarray(0, 2), ...jfifWithThumbnail, ...original.subarray(20), ...Buffer.from('PK\x03\x04 a hidden zip')]);
    const result = scrubImage(file);
    expect(result.report.removed.map((r) => r.part)).toEqual(['APP0 JFIF thumbnail', 'APP2 ICC profile', 'data after the end of the image']);
    expect(jpegScanData(result.bytes)).toEqual(jpegScanData(original));
    expect(Buffer.from(result.bytes).includes('hidden')).toBe(false);
  });
});

describe('PNG', () => {
  const dirty = pngWithMetadata();

  it('removes text, XMP, EXIF, time, ICC and unknown chunks; keeps IDAT, gamma and sRGB as they were', () => {
    expect(metadataTags(exifTags(dirty, 'png')).length).toBeGreaterThan(5);
    const result = scrubImage(dirty);
    expect(result.mediaType).toBe('image/png');
    expect(result.report).toMatchObject({ format: 'png', width: 16, height: 12 });
    expect(result.report.found).toEqual(['gps', 'camera', 'time', 'exif', 'xmp', 'icc', 'text', 'other']);
    expect(result.report.removed.map((r) => r.part)).toEqual(['iCCP', 'pHYs', 'tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'tEXt']);
    const tags = exifTags(result.bytes, 'png');
    expect(metadataTags(tags)).toEqual([]);
    expect(tags).toMatchObject({ 'PNG:ImageWidth': 16, 'PNG:ImageHeight': 12 });
    const idat = (bytes: Uint8Array) => Buffer.concat(pngChunks(bytes).filter((c) => c.type === 'IDAT').map((c) => c.data));
    expect(idat(result.bytes)).toEqual(idat(dirty));
    expect(pngChunks(result.bytes).map((c) => c.type)).toEqual(['IHDR', 'gAMA', 'sRGB', 'IDAT', 'IDAT', 'IEND']);
    expectIdempotent(result);
  });
});

describe('WebP', () => {
  for (const name of ['chromium-16x12.webp', 'chromium-alpha-16x12.webp']) {
    it(`${name}: removes EXIF, XMP and ICC, clears their VP8X flags, fixes the RIFF size, keeps the image chunks`, () => {
      const dirty = withMetadata(fixture(name), 'webp', ['-GPSLatitude=55.75', '-GPSLatitudeRef=N', '-Make=Sotto', '-DateTimeOriginal=2026:01:02 03:04:05', '-XMP:Creator=Anna']);
      expect(exifTags(dirty, 'webp')).toMatchObject({ 'RIFF:WebP_Flags': expect.stringContaining('EXIF') });
      const result = scrubImage(dirty);
      expect(result.report.found).toEqual(['gps', 'camera', 'time', 'exif', 'xmp', 'icc']);
      const tags = exifTags(result.bytes, 'webp');
      expect(metadataTags(tags)).toEqual([]);
      expect(tags).toMatchObject({ 'RIFF:ImageWidth': 16, 'RIFF:ImageHeight': 12 });
      const image = (bytes: Uint8Array) => riffChunks(bytes).filter((c) => c.fourcc !== 'VP8X');
      expect(image(result.bytes)).toEqual(image(dirty).filter((c) => ['ALPH', 'VP8 '].includes(c.fourcc)));
      const vp8x = riffChunks(result.bytes)[0]!;
      expect(vp8x.fourcc).toBe('VP8X');
      expect(vp8x.data[0]).toBe(name.includes('alpha') ? 0x10 : 0);
      expect(Buffer.from(result.bytes).readUInt32LE(4)).toBe(result.bytes.length - 8);
      expectIdempotent(result);
    });
  }
});

describe('refusals', () => {
  const text = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
  it.each([
    ['pdf', text('%PDF-1.7\n1 0 obj << >> endobj')],
    ['gif', text('GIF89a\x01\x00\x01\x00\x00\x00\x00;')],
    ['heic', text('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic')],
    ['svg', text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['tiff', text('II*\x00\x08\x00\x00\x00')],
    ['unknown', text('hello')],
    ['unknown', new Uint8Array(0)],
  ])('refuses %s as unsupported-type', (type, bytes) => {
    expect(refusalOf(bytes)).toMatchObject({ reason: 'unsupported-type', detectedType: type });
  });

  it('refuses every truncation of each format, never passing a part through', () => {
    for (const file of [withMetadata(fixture('chromium-16x12.jpg'), 'jpg'), pngWithMetadata(), fixture('chromium-alpha-16x12.webp')]) {
      for (let length = 0; length < file.length; length++) {
        const cut = file.subarray(0, length);
        let outcome: string;
        try {
          outcome = `cleaned ${scrubImage(cut).bytes.length}`;
        } catch (error) {
          outcome = error instanceof MediaRefusal ? 'refused' : String(error);
        }
        expect(outcome, `length ${length} of ${file.length}`).toBe('refused');
      }
    }
  });

  it('refuses a damaged PNG chunk (CRC) and an unknown critical chunk', () => {
    const png = pngWithMetadata();
    const damaged = Uint8Array.from(png);
    damaged[40] = damaged[40]! ^ 1;
    expect(refusalOf(damaged).reason).toBe('malformed');
    const ihdrEnd = 8 + 12 + 13;
    const withCritical = new Uint8Array([...png.subarray(0, ihdrEnd), ...pngChunk('ABCD', 'x'), ...png.subarray(ihdrEnd)]);
    expect(refusalOf(withCritical)).toMatchObject({ reason: 'unsupported-type', detectedType: 'png' });
    const withAncillary = new Uint8Array([...png.subarray(0, ihdrEnd), ...pngChunk('abCD', 'x'), ...png.subarray(ihdrEnd)]);
    expect(scrubImage(withAncillary).report.removed[0]).toEqual({ part: 'abCD', kinds: ['other'], bytes: 13 });
  });

  it('refuses a hierarchical JPEG and a WebP without an image', () => {
    const jpeg = fixture('chromium-16x12.jpg');
    const dhp = new Uint8Array([...jpeg.subarray(0, 2), 0xff, 0xde, 0, 8, 8, 0, 12, 0, 16, 1, ...jpeg.subarray(2)]);
    expect(refusalOf(dhp)).toMatchObject({ reason: 'unsupported-type', detectedType: 'jpeg' });
    const onlyExif = new Uint8Array(Buffer.from('RIFF\x0e\x00\x00\x00WEBPEXIF\x02\x00\x00\x00MM', 'latin1'));
    expect(refusalOf(onlyExif).reason).toBe('malformed');
  });
});
