// The one seam between the CLI and the place-name detector (reviewer-cli/anonymise/, built
// separately): every command reaches the detector through here.

export type { Detector, PlaceKind, ReplacedSpan, Span } from './anonymise/types.ts';
export { loadDetector, runPlacesDetect, suggestReplacements } from './anonymise/index.ts';
