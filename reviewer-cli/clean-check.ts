// The last look before an image leaves sotto-review (an exported artwork, an attachment written
// for the editor): media/ must find nothing to remove and keep the file byte for byte. Cleaning
// happened before (`illustrate`, the submit page); this catches a file that slipped past it.

import { equalBytes } from '../crypto/bytes.ts';
import { scrubImage, type ScrubResult } from '../media/index.ts';

/** The scrub of `bytes` when it found no metadata and changed nothing; undefined otherwise
 * (metadata found, or a file the scrubber refuses). */
export function alreadyClean(bytes: Uint8Array): ScrubResult | undefined {
  let again: ScrubResult;
  try {
    again = scrubImage(bytes);
  } catch {
    return undefined;
  }
  return again.report.found.length === 0 && equalBytes(again.bytes, bytes) ? again : undefined;
}
