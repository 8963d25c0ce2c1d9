// The story languages the detector has rules for: every language of the wire contract
// (crypto/contract.ts) except "other". A language added there fails the type check here until
// it has labels (data/kinds.json), areas and letters (_replace.ts) and patterns.
import { STORY_LANGUAGES } from '../crypto/contract.ts';
import type { StoryLanguage } from '../crypto/contract.ts';

export type DetectorLanguage = Exclude<StoryLanguage, 'other'>;

export const DETECTOR_LANGUAGES: readonly DetectorLanguage[] = STORY_LANGUAGES.filter((l): l is DetectorLanguage => l !== 'other');

/** The detector language named by a story's language tag (ru, ru-RU, UK…), or null. */
export function detectorLanguage(tag: string): DetectorLanguage | null {
  const l = tag.toLowerCase().slice(0, 2);
  return (DETECTOR_LANGUAGES as readonly string[]).includes(l) ? (l as DetectorLanguage) : null;
}
