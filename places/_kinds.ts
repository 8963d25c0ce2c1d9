// The place-kind registry (data/kinds.json): for each kind, the label a replacement uses in each
// story language and the head words that announce it in each pattern table. Adding a kind or a
// head word is an edit of the data file; the pattern modules and _replace.ts only read it here.
import type { PlaceKind } from './types.ts';
import data from './data/kinds.json' with { type: 'json' };

/** Pattern tables (see _patterns-cyr.ts, _patterns-en.ts, _patterns-fr.ts). */
export type HeadTable =
  | 'cyr.before' | 'cyr.after' | 'cyr.afterExact' | 'cyr.ordinal'
  | 'en.after' | 'en.before.quoted' | 'en.before.number' | 'en.before.name' | 'en.before.quotedOrName'
  | 'translit.before' | 'fr.before';

/** Replacement head word: six cases (nom gen dat acc ins loc) in Russian and Ukrainian, one phrase in English and French. */
export interface KindLabel { ru: string[]; uk: string[]; en: string; fr: string }
interface KindEntry { label: KindLabel; heads?: Partial<Record<HeadTable, string[]>> }

/** Kinds in registry order: the first one wins when two head words match at the same place. */
export const KIND_REGISTRY: ReadonlyArray<readonly [PlaceKind, KindEntry]> = Object.entries(data)
  .filter(([k]) => !k.startsWith('$'))
  .map(([k, v]) => [k as PlaceKind, v as KindEntry] as const);

const byKind = new Map(KIND_REGISTRY);

/** The kinds with head words in `table`, in registry order, each with its alternatives as one regexp source. */
export function headTable(table: HeadTable): [PlaceKind, string][] {
  const out: [PlaceKind, string][] = [];
  for (const [kind, e] of KIND_REGISTRY) {
    const words = e.heads?.[table];
    if (words?.length) out.push([kind, words.join('|')]);
  }
  return out;
}

/** The label of a kind (a kind without one reads as a landmark: "место", "a landmark"). */
export function kindLabel(kind: PlaceKind): KindLabel {
  const e = byKind.get(kind) ?? byKind.get('landmark');
  if (!e) throw new Error('data/kinds.json has no "landmark" entry');
  return e.label;
}
