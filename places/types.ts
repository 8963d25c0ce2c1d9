// Public types of the place-name detector (eval/README.md says what each kind means).

/** Place kinds of the annotation scheme, plus the non-place kinds this detector also flags. */
export type PlaceKind =
  | 'city' | 'town' | 'district' | 'street' | 'metro' | 'park' | 'venue' | 'institution'
  | 'landmark' | 'region' | 'country' | 'demonym_adj'
  // Not places, never scored as places: e-mail, phone, @handle, URL; house number next to a
  // street; a person's first name, patronymic or surname (README.md, "People").
  | 'contact' | 'street_number' | 'person';

export interface Span {
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset after the last character (exclusive). */
  end: number;
  kind: PlaceKind;
  /** text.slice(start, end) */
  text: string;
  /** The identifying words inside the span ("Баумана" in "улице Баумана"), when narrower. */
  key?: { start: number; end: number };
  /** Stable id of the place (gazetteer id or normalised lemma) — same place, same id. */
  placeId?: string;
  /** true for spans kept by policy (countries): shown to the editor, not replaced. */
  keep?: boolean;
}

export interface Detector {
  /** Spans sorted by start, non-overlapping. Unknown `lang` → every language's rules. */
  detect(text: string, lang: string): Span[];
}

export type ReplacedSpan = Span & { replacement: string };
