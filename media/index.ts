// The metadata scrubber's public entry: see README.md. Pure JavaScript, no canvas, no Node APIs:
// the submit page and the CLI use the same code.

import { scrubJpeg } from './_jpeg.ts';
import { scrubPng } from './_png.ts';
import { refuse } from './_refusal.ts';
import type { ScrubReport } from './_report.ts';
import { sniffType } from './_sniff.ts';
import { scrubWebp } from './_webp.ts';

export { MediaRefusal, type RefusalReason } from './_refusal.ts';
export { METADATA_KINDS, type MetadataKind, type RemovedPart, type ScrubReport } from './_report.ts';

export const SCRUBBED_TYPES = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

const SCRUBBERS = { jpeg: scrubJpeg, png: scrubPng, webp: scrubWebp };

export interface ScrubResult {
  /** The cleaned file: never longer than the input, never sharing memory with it. */
  bytes: Uint8Array;
  mediaType: (typeof SCRUBBED_TYPES)[keyof typeof SCRUBBED_TYPES];
  report: ScrubReport;
}

/**
 * Removes the metadata of a JPEG, PNG or WebP file by parsing it, keeping the image data byte for
 * byte. Throws MediaRefusal (and nothing else) for anything it cannot parse fully: other types,
 * truncated or malformed files. Never returns the input unparsed.
 */
export function scrubImage(input: Uint8Array): ScrubResult {
  const type = sniffType(input);
  if (type !== 'jpeg' && type !== 'png' && type !== 'webp') {
    return refuse('unsupported-type', type === 'unknown' ? 'not a JPEG, PNG or WebP image' : `${type.toUpperCase()} files are not cleaned`, type);
  }
  // Each scrubber builds its output with concatBytes: a new buffer, never a view of the input.
  const { bytes, report } = SCRUBBERS[type](input);
  if (bytes.length > input.length) refuse('malformed', 'the cleaned file would be larger than the original');
  return { bytes, mediaType: SCRUBBED_TYPES[type], report };
}
