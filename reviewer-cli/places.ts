// The one seam between the CLI and the place-name detector (the library in places/, used
// through its public entry only): every command reaches the detector through here.

export type { Detector, PlaceKind, ReplacedSpan, Span } from '../places/index.ts';
export { countInvisible, loadDetector, markInvisible, runPlacesDetect, stripInvisible, suggestReplacements } from '../places/index.ts';
