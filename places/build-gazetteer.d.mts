// Types for the parts of build-gazetteer.mjs that tests import.
/** Folded Latin spellings of a Cyrillic name in the English, BGN, library, French, German, ISO 9 and Ukrainian schemes. */
export function translitVariants(cyr: string): string[];
