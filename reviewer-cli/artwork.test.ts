// Artwork rules apart from the process: what prepareArtwork accepts and refuses, and the check
// export makes again before an image goes public.

import { describe, expect, it } from 'vitest';
import { b64uEncode } from '../crypto/bytes.ts';
import { fixture, pngChunk, withMetadata } from '../test/support/images.ts';
import { MAX_ARTWORK_BYTES, artworkFileName, prepareArtwork, publishableArtworkBytes } from './artwork.ts';

const jpeg = withMetadata(fixture('chromium-16x12.jpg'), 'jpg');

describe('prepareArtwork', () => {
  it('keeps the cleaned image, the credit and alt text on one line each', () => {
    const { artwork, report, bytes } = prepareArtwork('a.jpg', jpeg, '  Masha\n K. ', 'A door\tin snow');
    expect(artwork).toMatchObject({ format: 'jpeg', credit: 'Masha K.', alt: 'A door in snow' });
    expect(report.found).toContain('gps');
    expect(bytes).toBeLessThan(jpeg.length);
    expect(artworkFileName('story-0123456789abcdef', artwork)).toBe('story-0123456789abcdef.jpg');
  });

  it('refuses an empty or long credit, a long alt text, and an image too large after cleaning', () => {
    expect(() => prepareArtwork('a.jpg', jpeg, ' \n', undefined)).toThrow('the credit is empty; nothing was saved');
    expect(() => prepareArtwork('a.jpg', jpeg, 'x'.repeat(201), undefined)).toThrow('the credit is longer than 200 characters');
    expect(() => prepareArtwork('a.jpg', jpeg, 'M', 'x'.repeat(1001))).toThrow('the alt text is longer than 1000 characters');
    // a PNG whose image data alone is over the limit
    const big = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...pngChunk('IHDR', Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0)), ...pngChunk('IDAT', new Uint8Array(MAX_ARTWORK_BYTES)), ...pngChunk('IEND', new Uint8Array(0))]);
    expect(() => prepareArtwork('big.png', big, 'M', undefined)).toThrow(/^big\.png is 513 KiB after cleaning; artwork can be at most 512 KiB/);
  });
});

describe('publishableArtworkBytes', () => {
  it('passes a cleaned image unchanged, and refuses one that still holds metadata', () => {
    const { artwork } = prepareArtwork('a.jpg', jpeg, 'M', undefined);
    expect(publishableArtworkBytes(artwork, 'X').length).toBeGreaterThan(0);
    expect(() => publishableArtworkBytes({ ...artwork, data: b64uEncode(jpeg) }, '7KQ2-M9XD')).toThrow('the artwork of story 7KQ2-M9XD did not pass the metadata check again');
    expect(() => publishableArtworkBytes({ ...artwork, data: b64uEncode(new TextEncoder().encode('%PDF-1.7')) }, 'X')).toThrow('did not pass');
  });
});
