// The process-wide gazetteer and detector: loaded on first use, shared by the public API
// (index.ts) and the `places detect` runner (detect-cli.ts).
import type { Detector } from './types.ts';
import { loadGazetteer } from './_gazetteer.ts';
import type { Gazetteer } from './_gazetteer-types.ts';
import { createDetector } from './detector.ts';

let gazetteer: Gazetteer | null = null;
let detector: Detector | null = null;

/** The gazetteer, read once per process (about 0.2 s from the prebuilt index). */
export function sharedGazetteer(): Gazetteer {
  gazetteer ??= loadGazetteer();
  return gazetteer;
}

/** The shared detector; the first call loads the gazetteer, later calls are free. */
export function loadDetector(): Detector {
  detector ??= createDetector(sharedGazetteer());
  return detector;
}
