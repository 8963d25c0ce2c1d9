// A story's artwork: an image made for it by an artist, attached with `illustrate` and written
// beside the story by `export`. It is cleaned by media/ (the same scrubber as the page's, which
// keeps the image data and drops every metadata part) and kept in the story's sealed review state
// (review-state.ts), so it is encrypted, authenticated and versioned like the rest of the review.

import * as z from 'zod';
import { b64uDecode, b64uEncode } from '../crypto/bytes.ts';
import { alreadyClean } from './clean-check.ts';
import { MediaRefusal, scrubImage, type MetadataKind, type ScrubReport } from '../media/index.ts';
import { CliError } from './errors.ts';

/** The review state is padded and sealed whole, and crypto/pad.ts caps a payload at 1 MiB: this
 * leaves room for the story, its anonymised text and notes beside the base64 image. */
export const MAX_ARTWORK_BYTES = 512 * 1024;
export const MAX_CREDIT_CHARS = 200;
export const MAX_ALT_CHARS = 1000;

const EXTENSIONS = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const;

export const ArtworkSchema = z.strictObject({
  format: z.enum(['jpeg', 'png', 'webp']),
  /** The cleaned image, base64url. */
  data: z.string(),
  credit: z.string(),
  alt: z.optional(z.string()),
});
export type Artwork = z.infer<typeof ArtworkSchema>;

const KIND_NAMES: Record<MetadataKind, string> = {
  gps: 'GPS location',
  camera: 'camera or software',
  time: 'dates and times',
  thumbnail: 'embedded preview',
  exif: 'other EXIF fields',
  xmp: 'XMP',
  iptc: 'IPTC captions and names',
  icc: 'colour profile',
  comment: 'comments',
  text: 'text chunks',
  other: 'other parts',
};

function singleLine(value: string, what: string, max: number): string {
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') throw new CliError(`the ${what} is empty; nothing was saved`);
  if (Array.from(text).length > max) throw new CliError(`the ${what} is longer than ${max} characters; nothing was saved`);
  return text;
}

/** Cleans `image` and builds the artwork; throws CliError, naming `name`, when the image cannot be
 * cleaned or is too large, or the credit or alt text is empty or too long. */
export function prepareArtwork(name: string, image: Uint8Array, credit: string, alt: string | undefined): { artwork: Artwork; report: ScrubReport; bytes: number } {
  let cleaned;
  try {
    cleaned = scrubImage(image);
  } catch (error) {
    if (error instanceof MediaRefusal) throw new CliError(`${name} cannot be used: ${error.detail} (only JPEG, PNG and WebP images whose structure can be read fully); nothing was saved`);
    throw error;
  }
  if (cleaned.bytes.length > MAX_ARTWORK_BYTES) {
    throw new CliError(`${name} is ${Math.ceil(cleaned.bytes.length / 1024)} KiB after cleaning; artwork can be at most ${MAX_ARTWORK_BYTES / 1024} KiB: save it smaller for the web; nothing was saved`);
  }
  const artwork: Artwork = { format: cleaned.report.format, data: b64uEncode(cleaned.bytes), credit: singleLine(credit, 'credit', MAX_CREDIT_CHARS) };
  if (alt !== undefined) artwork.alt = singleLine(alt, 'alt text', MAX_ALT_CHARS);
  return { artwork, report: cleaned.report, bytes: cleaned.bytes.length };
}

/** What the cleaning removed, for the editor: "GPS location, camera or software" or "nothing". */
export function describeRemoved(report: ScrubReport): string {
  return report.found.length === 0 ? 'no metadata found' : `removed ${report.found.map((kind) => KIND_NAMES[kind]).join(', ')}`;
}

/** The artwork's file name in the export: the story's slug, which reveals nothing of the
 * submission (published-story.ts), and the image type's extension. */
export function artworkFileName(slug: string, artwork: Artwork): string {
  return `${slug}.${EXTENSIONS[artwork.format]}`;
}

/** The artwork as `show` lists it: type, size, credit and alt text, never the image itself. */
export function artworkSummary(artwork: Artwork): { format: Artwork['format']; bytes: number; credit: string; alt: string | null } {
  return { format: artwork.format, bytes: artworkBytes(artwork).length, credit: artwork.credit, alt: artwork.alt ?? null };
}

export function artworkBytes(artwork: Artwork): Uint8Array {
  return b64uDecode(artwork.data);
}

/** The artwork's bytes for publishing, cleaned once more: what `illustrate` stored must come out
 * of the scrubber unchanged, with nothing found (a check that costs milliseconds, before a file
 * goes public). */
export function publishableArtworkBytes(artwork: Artwork, story: string): Uint8Array {
  const stored = artworkBytes(artwork);
  if (!alreadyClean(stored)) {
    throw new CliError(`the artwork of story ${story} did not pass the metadata check again; nothing was exported: attach it again with \`sotto-review illustrate\``);
  }
  return stored;
}
