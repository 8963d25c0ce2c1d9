// The one way the scrubber says no. Anything it cannot parse fully is refused, never passed on.

/** Why a file was refused:
 * - `unsupported-type`: not JPEG, PNG or WebP (PDF, HEIC, GIF, SVG, TIFF... or unknown), or a
 *   variant of them the scrubber does not clean (hierarchical JPEG, a PNG critical chunk it does
 *   not know);
 * - `truncated`: the file ends before its structure does;
 * - `malformed`: a part's length, order or contents break the format's rules. */
export type RefusalReason = 'unsupported-type' | 'truncated' | 'malformed';

export class MediaRefusal extends Error {
  override readonly name = 'MediaRefusal';
  constructor(
    readonly reason: RefusalReason,
    /** A short English sentence for logs and the CLI; the page shows its own translated text. */
    readonly detail: string,
    /** What the file looked like, when refused as `unsupported-type`: "pdf", "heic", "gif"... */
    readonly detectedType?: string,
  ) {
    super(detail);
  }
}

export function refuse(reason: RefusalReason, detail: string, detectedType?: string): never {
  throw new MediaRefusal(reason, detail, detectedType);
}
