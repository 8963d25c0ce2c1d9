// Public API of the place-name detector (README.md): the only module code outside places/
// imports.
//
//   const d = loadDetector();           // synchronous; reads the gazetteer once per process
//   const spans = d.detect(text, 'ru'); // sorted, non-overlapping, UTF-16 offsets
//   const withRepl = suggestReplacements(text, 'ru', spans);
//
// loadDetector throws if the gazetteer data file is missing (see README.md); detect throws a
// TypeError when text is not a string and never returns overlapping spans.
import type { Detector, ReplacedSpan, Span } from './types.ts';
import { createDetector } from './detector.ts';
import { sharedGazetteer } from './_instance.ts';
import { suggest } from './_replace.ts';

export type { Detector, PlaceKind, ReplacedSpan, Span } from './types.ts';
export { loadDetector } from './_instance.ts';
// Characters that render as nothing (format characters, soft hyphen, zero-width, bidi marks,
// BOM, tag characters): the detector reads through them; export removes them, show marks them.
export { countInvisible, markInvisible, stripInvisible } from './_normalise.ts';
export { runPlacesDetect } from './detect-cli.ts';
export type { DetectOptions } from './detect-cli.ts';

/**
 * A detector of its own over the shared gazetteer. `wordCacheLimit`: words it remembers
 * (0 = none, every word looked up afresh: the benchmark's worst case).
 */
export function newDetector(opts: { wordCacheLimit?: number } = {}): Detector {
  return createDetector(sharedGazetteer(), opts);
}

/** Number of places (towns, regions, countries, waters) the gazetteer knows; loads it. */
export function gazetteerSize(): number {
  return sharedGazetteer().size;
}

/**
 * A replacement for each span in the story's language: generalised for gazetteer places, head
 * word kept and name hidden for phrases, the same place always the same words, countries
 * (keep) left as written. Spans must come from detect() on the same text.
 */
export function suggestReplacements(text: string, lang: string, spans: Span[]): ReplacedSpan[] {
  return suggest(text, lang, spans, sharedGazetteer().places);
}

/** Apply replacements right to left; returns the anonymised text. */
export function applyReplacements(text: string, spans: ReplacedSpan[]): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.replacement + out.slice(s.end);
  return out;
}
