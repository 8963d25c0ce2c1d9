// What a scrub found and removed, gathered while the parsers walk the file.

/** The kinds of identifying data the scrubber reports:
 * gps (location), camera (make, model, serial numbers, lens, software), time (when taken or
 * edited), thumbnail (an embedded preview, which can show the uncropped original), exif (other
 * EXIF fields), xmp, iptc (captions, names, places), icc (colour profile: names the device or
 * software), comment, text (PNG text chunks), other (any other part the scrubber does not keep). */
export const METADATA_KINDS = ['gps', 'camera', 'time', 'thumbnail', 'exif', 'xmp', 'iptc', 'icc', 'comment', 'text', 'other'] as const;
export type MetadataKind = (typeof METADATA_KINDS)[number];

export interface RemovedPart {
  /** The part as the format names it: "APP1 Exif", "tEXt", "EXIF"... */
  part: string;
  kinds: MetadataKind[];
  bytes: number;
}

export interface ScrubReport {
  format: 'jpeg' | 'png' | 'webp';
  width: number;
  height: number;
  /** Every kind found, once, in METADATA_KINDS order. */
  found: MetadataKind[];
  removed: RemovedPart[];
  /** The EXIF orientation (2..8) that was removed with EXIF: viewers now show the image as it
   * is stored, which for these values is rotated or mirrored. Absent when none or 1. */
  droppedOrientation?: number;
}

export class ReportBuilder {
  readonly removed: RemovedPart[] = [];
  droppedOrientation: number | undefined;

  remove(part: string, kinds: readonly MetadataKind[], bytes: number): void {
    this.removed.push({ part, kinds: [...new Set(kinds)], bytes });
  }

  finish(format: ScrubReport['format'], width: number, height: number): ScrubReport {
    const seen = new Set(this.removed.flatMap((r) => r.kinds));
    const report: ScrubReport = { format, width, height, found: METADATA_KINDS.filter((k) => seen.has(k)), removed: this.removed };
    if (this.droppedOrientation !== undefined && this.droppedOrientation !== 1) report.droppedOrientation = this.droppedOrientation;
    return report;
  }
}
