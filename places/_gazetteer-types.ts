// The gazetteer's in-memory shape: built by _gazetteer.ts, stored and read back by
// _gazetteer-cache.ts, searched by _match-gazetteer.ts and _word-cache.ts.
import type { Area } from './_regions.ts';

export type PlaceType = 'city' | 'town' | 'region' | 'country' | 'landmark';

export interface Place {
  id: string;
  type: PlaceType;
  /** ISO country code ('' for curated regions and countries) */
  country: string;
  admin1: string;
  pop: number;
  lat: number;
  lon: number;
  /** display name (first Cyrillic name when there is one) */
  name: string;
  area: Area;
  /** shared single-word forms (see addForm) */
  form?: NameForm;
  aliasForm?: NameForm;
}

/** One way of writing a place: a sequence of words, each with the keys it matches. */
export interface NameForm {
  place: Place;
  /** keys of every word of a multi-word name; empty for a one-word name (see formLength) */
  words: string[][];
  /** slang/short form from the curated table (matched lower-case too) */
  alias: boolean;
}

export interface Gazetteer {
  /** first-word key → forms starting with it */
  index: Map<string, NameForm[]>;
  /** misspelling skeleton of a one-word name's stem → its forms (_fuzzy.ts) */
  fuzzy: Map<string, NameForm[]>;
  places: Map<string, Place>;
  /** Cyrillic adjective stems of oblasts/krais (for "Свердловская" without its head word) */
  regionAdjectives: Set<string>;
  size: number;
}
