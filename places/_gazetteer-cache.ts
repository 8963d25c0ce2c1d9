// Prebuilt gazetteer index (data/gazetteer.index.v8.gz): the structure loadGazetteer builds
// from the TSV, serialised with node:v8 and gzipped by the build step. Deserialising it takes a
// third of the time of rebuilding (no folding, morphology or transliteration keys at start-up).
// A stamp ties it to the TSV bytes, the curated tables and the output of the key functions on
// sample words, so a stale cache is ignored (and the slower TSV path used) rather than trusted.
import crypto from 'node:crypto';
import fs from 'node:fs';
import v8 from 'node:v8';
import zlib from 'node:zlib';
import type { Gazetteer } from './_gazetteer-types.ts';
import { nameKeys, wordKeys } from './_morph.ts';
import { fuzzySkeleton } from './_fuzzy.ts';
import { fold } from './_text.ts';
import { CITY_ALIASES, REGION_NAMES, RIVERS_AND_LAKES, RU_OBLASTS, RU_KRAIS, UA_OBLASTS } from './_regions.ts';
import { COUNTRIES } from './_lexicon.ts';

/** Bump when the index layout changes in a way the sample words below would not reveal. */
const INDEX_VERSION = 'gaz-index-2';
// Words whose keys exercise every rule of _morph.ts/_fuzzy.ts; the cache test (test/places)
// also compares the whole cache with a fresh build.
const SAMPLES = ['Казань', 'Нижний', 'Набережные', 'Харків', 'Ріг', 'Орёл', 'Химки', 'Кременчук', 'Каховка', 'Ростов-на-Дону', 'Київ', 'Тверь', 'Saint-Pétersbourg'];

export function cacheFile(tsvFile: string): string {
  return tsvFile.replace(/\.tsv$/, '') + '.index.v8.gz';
}

/** Stamp of everything the index is derived from. */
export function indexStamp(tsvBytes: Buffer): string {
  const h = crypto.createHash('sha256');
  h.update(INDEX_VERSION).update(tsvBytes);
  h.update(JSON.stringify([CITY_ALIASES, REGION_NAMES, RIVERS_AND_LAKES, RU_OBLASTS, RU_KRAIS, UA_OBLASTS, COUNTRIES]));
  for (const w of SAMPLES) {
    const f = fold(w);
    h.update(JSON.stringify([f, nameKeys(f), wordKeys(f), fuzzySkeleton(f)]));
  }
  return h.digest('hex');
}

/** The prebuilt index when it exists and matches the stamp; otherwise null. */
export function readIndexCache(file: string, stamp: string): Gazetteer | null {
  try {
    if (!fs.existsSync(file)) return null;
    const data = v8.deserialize(zlib.gunzipSync(fs.readFileSync(file))) as { stamp?: string; gazetteer?: Gazetteer };
    return data.stamp === stamp && data.gazetteer ? data.gazetteer : null;
  } catch {
    return null; // unreadable (other Node/V8 version, truncated file): rebuild from the TSV
  }
}

export function writeIndexCache(file: string, stamp: string, g: Gazetteer): void {
  fs.writeFileSync(file, zlib.gzipSync(v8.serialize({ stamp, gazetteer: canonical(g, new Map()) }), { level: 9 }));
}

/**
 * A copy with every array rebuilt packed: V8 writes holey arrays in a sparse encoding, and
 * which arrays end up holey varies between runs, so the file would differ on every build.
 * Shared objects (a place and its forms) stay shared.
 */
function canonical(v: unknown, seen: Map<object, unknown>): unknown {
  if (v === null || typeof v !== 'object') return v;
  const hit = seen.get(v);
  if (hit !== undefined) return hit;
  if (v instanceof Map) {
    const m = new Map<unknown, unknown>();
    seen.set(v, m);
    for (const [k, x] of v) m.set(k, canonical(x, seen));
    return m;
  }
  if (v instanceof Set) {
    const s = new Set<unknown>();
    seen.set(v, s);
    for (const x of v) s.add(canonical(x, seen));
    return s;
  }
  if (Array.isArray(v)) {
    const a: unknown[] = [];
    seen.set(v, a);
    for (const x of v as unknown[]) a.push(canonical(x, seen));
    return a;
  }
  const o: Record<string, unknown> = {};
  seen.set(v, o);
  for (const [k, x] of Object.entries(v)) o[k] = canonical(x, seen);
  return o;
}
