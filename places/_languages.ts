// The story languages the detector has rules for (labels in data/kinds.json, areas and letters in
// _replace.ts, patterns). Every other story language of the wire contract (crypto/contract.ts),
// "other" included, gets all of these languages' rules (detector.ts).
import type { StoryLanguage } from '../crypto/contract.ts';

export const DETECTOR_LANGUAGES = ['ru', 'uk', 'en', 'fr'] as const satisfies readonly StoryLanguage[];

export type DetectorLanguage = (typeof DETECTOR_LANGUAGES)[number];

/** The detector language named by a story's language tag (ru, ru-RU, UK…), or null. */
export function detectorLanguage(tag: string): DetectorLanguage | null {
  const l = tag.toLowerCase().slice(0, 2);
  return (DETECTOR_LANGUAGES as readonly string[]).includes(l) ? (l as DetectorLanguage) : null;
}
