// Load the generated gazetteer (data/gazetteer.tsv, see places/build-gazetteer.mjs) plus the
// curated tables, and index every name by inflection-insensitive keys (_morph.ts) and Latin
// spellings (transliterated at build time). Loading is synchronous and done once per process (see index.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold, isCyrillic } from './_text.ts';
import { nameKeys } from './_morph.ts';
import { fuzzySkeleton, FUZZY_MIN_POP, FUZZY_MIN_LEN } from './_fuzzy.ts';
import { CITY_ALIASES, REGION_NAMES, RIVERS_AND_LAKES, RU_OBLASTS, RU_KRAIS, UA_OBLASTS } from './_regions.ts';
import type { Area } from './_regions.ts';
import type { Gazetteer, NameForm, Place } from './_gazetteer-types.ts';
import { COUNTRIES } from './_lexicon.ts';
import { cacheFile, indexStamp, readIndexCache } from './_gazetteer-cache.ts';

const EX_USSR = new Set(['RU', 'UA', 'BY', 'KZ', 'GE', 'AM', 'MD', 'AZ', 'UZ', 'KG', 'TJ', 'TM', 'LV', 'LT', 'EE']);

/** Replacement area from coordinates (federal-district-like split, good enough to generalise). */
export function areaOf(country: string, lat: number, lon: number): Area {
  if (country === 'UA') return lat < 46.3 && lon > 32.4 ? 'crimea' : 'ua';
  if (country !== 'RU') return 'other';
  if (lon < 23) return 'northwest';
  if (lon >= 127) return 'fareast';
  if (lat >= 63 && lon < 60) return 'north';
  if (lon >= 60) return lon < 66.5 || (lon < 80 && lat > 58) ? 'ural' : 'siberia';
  if (lat < 44.5 && lon >= 40.5) return 'caucasus';
  if (lat < 49) return 'south';
  if (lon >= 53) return 'ural';
  if (lon >= 44) return 'volga';
  if (lat >= 58 || lon < 30) return 'northwest';
  return 'centre';
}

export function dataFile(): string {
  const env = process.env['SOTTO_GAZETTEER'];
  if (env) return env;
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Beside this module in the source tree; from dist/ when bundled into the CLI.
  for (const p of [path.join(here, 'data/gazetteer.tsv'), path.join(here, '../places/data/gazetteer.tsv')]) {
    if (fs.existsSync(p)) return p;
  }
  throw new Error('gazetteer data not found (run node places/build-gazetteer.mjs or set SOTTO_GAZETTEER)');
}

export function formLength(f: NameForm): number {
  return f.words.length || 1;
}

export function splitWords(name: string): string[] {
  return fold(name).split(/[\s\-‐–.]+/).filter(Boolean);
}

function addForm(index: Map<string, NameForm[]>, place: Place, name: string, alias: boolean, seen: Set<string>, latinVerbatim = false, fuzzy?: Map<string, NameForm[]>): void {
  const split = latinVerbatim ? name.split(/[\s-]+/) : splitWords(name);
  // "Saint Petersburg" is also written "St. Petersburg" / "St-Pétersbourg".
  if (!latinVerbatim && (split[0] === 'saint' || split[0] === 'sankt') && split.length > 1) addForm(index, place, ['st', ...split.slice(1)].join(' '), alias, seen, true);
  const joined = split.join(' ');
  // Many alternates fold to the same words (Kazan', Kazan’, Kazań → kazan): index once.
  if (seen.has(joined)) return;
  seen.add(joined);
  const words = split.map((w) => (latinVerbatim || !isCyrillic(w) ? [`${w}|=`] : nameKeys(w)));
  if (words.length === 0 || words.length > 6) return;
  // Single words share one form object per place (most names): fewer allocations at load.
  const form: NameForm = words.length === 1 ? (alias ? place.aliasForm : place.form) ?? { place, words: [], alias } : { place, words, alias };
  if (words.length === 1) {
    if (alias) place.aliasForm = form; else place.form = form;
  }
  for (const k of words[0] ?? []) push(index, k, form);
  if (fuzzy && words.length === 1 && (alias || place.pop >= FUZZY_MIN_POP)) {
    for (const k of words[0] ?? []) {
      const sk = fuzzySkeleton(k.slice(0, k.indexOf('|')));
      if (sk.length >= FUZZY_MIN_LEN && isCyrillic(sk)) push(fuzzy, sk, form);
    }
  }
}

function push(map: Map<string, NameForm[]>, k: string, form: NameForm): void {
  const list = map.get(k);
  if (list) { if (list[list.length - 1] !== form) list.push(form); }
  else map.set(k, [form]);
}

/** The gazetteer: the prebuilt index when it is current (_gazetteer-cache.ts), else built from the TSV. */
export function loadGazetteer(file = dataFile()): Gazetteer {
  const bytes = fs.readFileSync(file);
  return readIndexCache(cacheFile(file), indexStamp(bytes)) ?? buildGazetteer(bytes.toString('utf8'));
}

/** Index the TSV text and the curated tables (the slow path, and what the cache stores). */
export function buildGazetteer(text: string): Gazetteer {
  const index = new Map<string, NameForm[]>();
  const fuzzy = new Map<string, NameForm[]>();
  const places = new Map<string, Place>();
  const byRuName = new Map<string, Place>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [id = '', k, cc = '', admin1 = '', pop, lat, lon, field = ''] = line.split('\t');
    const [names = '', translit = ''] = field.split('~');
    const all = names.split('|');
    const cyr = all.filter(isCyrillic);
    const latNum = Number(lat), lonNum = Number(lon);
    const place: Place = {
      id: `g${id}`, type: k === 'c' ? 'city' : 'town', country: cc, admin1, pop: Number(pop) || 0,
      lat: latNum, lon: lonNum, name: cyr[0] ?? all[0] ?? id, area: areaOf(cc, latNum, lonNum),
    };
    places.set(place.id, place);
    const seen = new Set<string>();
    for (const n of all) addForm(index, place, n, false, seen, false, fuzzy);
    // Transliterations were generated by the build step, already folded.
    if (translit) for (const v of translit.split('|')) addForm(index, place, v, false, seen, true);
    if (EX_USSR.has(cc)) {
      for (const c of cyr) {
        const key = splitWords(c).join(' ');
        const prev = byRuName.get(key);
        if (!prev || prev.pop < place.pop) byRuName.set(key, place);
      }
    }
  }
  // Slang and short forms point at the city they abbreviate.
  for (const [alias, target] of Object.entries(CITY_ALIASES)) {
    const p = byRuName.get(splitWords(target).join(' '));
    if (!p) continue; // test/data.test.ts holds every target to a gazetteer city
    if (p) addForm(index, p, alias, true, new Set(), false, fuzzy);
  }
  // Curated regions and countries.
  let n = 0;
  for (const entry of REGION_NAMES) {
    const [names = '', area = 'other'] = entry.split('@');
    const list = names.split('|');
    const place: Place = { id: `r${n++}`, type: 'region', country: '', admin1: '', pop: 1e7, lat: 0, lon: 0, name: list[0] ?? '', area: area as Area };
    places.set(place.id, place);
    for (const nm of list) addForm(index, place, nm, true, new Set());
  }
  for (const entry of RIVERS_AND_LAKES) {
    const list = entry.split('|');
    const place: Place = { id: `w${n++}`, type: 'landmark', country: '', admin1: '', pop: 1e6, lat: 0, lon: 0, name: list[0] ?? '', area: 'other' };
    places.set(place.id, place);
    for (const nm of list) addForm(index, place, nm, false, new Set());
  }
  for (const entry of COUNTRIES) {
    const list = entry.split('|');
    const place: Place = { id: `k${n++}`, type: 'country', country: '', admin1: '', pop: 1e8, lat: 0, lon: 0, name: list[0] ?? '', area: 'other' };
    places.set(place.id, place);
    for (const nm of list) addForm(index, place, nm, true, new Set());
  }
  const regionAdjectives = new Set<string>();
  for (const a of [...RU_OBLASTS, ...RU_KRAIS, ...UA_OBLASTS]) regionAdjectives.add(fold(a).replace(/(?:ая|ий|а)$/, ''));
  // "Свердловская" / "Sverdlovsk Oblast" without the head word are still regions.
  return { index, fuzzy, places, regionAdjectives, size: places.size };
}
