// Curated admin and informal regions, slang city names, demonyms and waters (data/regions.json;
// GeoNames cities1000 holds towns only): Russian federal subjects, Ukrainian oblasts, their
// short/historical forms and informal regions. Generic "<adjective> область/край/округ" phrases
// are also caught by the context patterns; the table adds names that stand alone (Татарстан,
// Кубань, Подмосковье) and Latin spellings. Edit the data file; this module only shapes it.
import data from './data/regions.json' with { type: 'json' };
import { wordsOf } from './_lexicon.ts';

/** Replacement areas: a generalised place reads "a city in the Urals" (_replace.ts). */
export type Area = 'ural' | 'siberia' | 'fareast' | 'volga' | 'south' | 'caucasus' | 'centre' | 'northwest' | 'north' | 'ua' | 'crimea' | 'other';

/** Oblast adjectives (nominative feminine), Russia; used with область/обл./region/oblast. */
export const RU_OBLASTS: string[] = wordsOf([data.ruOblasts]);
export const RU_KRAIS: string[] = wordsOf([data.ruKrais]);
export const UA_OBLASTS: string[] = wordsOf([data.uaOblasts]);

/** Stand-alone region names: "name|name|…@area" (republics, autonomous okrugs, informal and historical regions). */
export const REGION_NAMES: string[] = data.regions;

/** Slang and short forms of cities (curated), → the city's Russian/Ukrainian nominative. */
export const CITY_ALIASES: Record<string, string> = data.cityAliases;

/** Adjectives and inhabitant nouns that the -ск- rule cannot derive (irregular or Latin). */
export const DEMONYMS: string[] = Object.values(data.demonyms).flat();

/**
 * Large rivers and lakes: named landmarks that locate a story (гуляли вдоль Амура, on the
 * Yenisei) and that GeoNames' town list lacks. Left out: names that are also towns (Ишим,
 * Печора, Днепр), first names (Лена, Яна, Tom, Don) and adjectives (Белая, Великая).
 */
export const RIVERS_AND_LAKES: string[] = data.riversAndLakes;
