// Public API of the place-name detector (DESIGN.md "Anonymising place names").
//
//   const d = loadDetector();           // synchronous; reads the gazetteer once per process
//   const spans = d.detect(text, 'ru'); // sorted, non-overlapping, UTF-16 offsets
//   const withRepl = suggestReplacements(text, 'ru', spans);
//
// loadDetector throws if the gazetteer data file is missing (see README.md); detect throws a
// TypeError when text is not a string and never returns overlapping spans.
import type { Detector, ReplacedSpan, Span } from './types.ts';
import { loadGazetteer } from './_gazetteer.ts';
import type { Gazetteer } from './_gazetteer.ts';
import { createDetector } from './detector.ts';
import { suggest } from './_replace.ts';

export type { Detector, PlaceKind, ReplacedSpan, Span } from './types.ts';
export { runPlacesDetect } from './detect-cli.ts';
export type { DetectOptions } from './detect-cli.ts';

let gazetteer: Gazetteer | null = null;
let detector: Detector | null = null;

function gaz(): Gazetteer {
  gazetteer ??= loadGazetteer();
  return gazetteer;
}

/** The shared detector; the first call loads the gazetteer (about 0.2 s from the prebuilt index), later calls are free. */
export function loadDetector(): Detector {
  detector ??= createDetector(gaz());
  return detector;
}

/**
 * A replacement for each span in the story's language: generalised for gazetteer places, head
 * word kept and name hidden for phrases, the same place always the same words, countries
 * (keep) left as written. Spans must come from detect() on the same text.
 */
export function suggestReplacements(text: string, lang: string, spans: Span[]): ReplacedSpan[] {
  return suggest(text, lang, spans, gaz().places);
}

/** Apply replacements right to left; returns the anonymised text. */
export function applyReplacements(text: string, spans: ReplacedSpan[]): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.replacement + out.slice(s.end);
  return out;
}
