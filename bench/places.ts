// Place-detector benchmark: gazetteer load time, detection throughput (target ≥ 1 MB/s), and the
// worst case at the size limit: stories of STORY_MAX_CHARS in shapes that once made detection
// quadratic (hyphenated chains, thousands of places, long words), each through a fresh detector
// (target ≤ 1 s). Run alone: node --import tsx bench/places.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STORY_MAX_CHARS } from '../crypto/testimony-rules.ts';
import { gazetteerSize, loadDetector, newDetector } from '../places/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function corpus(): { lang: string; text: string }[] {
  const files = ['places-dev.jsonl', 'extra.jsonl', 'holdout.jsonl'].map((f) => path.resolve(here, '../places/eval', f));
  const out: { lang: string; text: string }[] = [];
  for (const f of files) {
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const d = JSON.parse(line) as { lang: string; text: string };
      out.push({ lang: d.lang, text: d.text });
    }
  }
  return out;
}

/** Stories of `chars` characters, each one shape repeated (the names say which). */
function worstShapes(chars: number, docs: { text: string }[]): Record<string, string> {
  const fill = (unit: string): string => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
  return {
    'testimonies back to back': fill(docs.map((d) => d.text).join('\n')),
    'hyphenated names (Ростов-на-Дону-…)': fill('Ростов-на-Дону-'),
    'hyphenated letters (ш-ш-ш…)': fill('ш-'),
    'a place every word (в Казани, …)': fill('в Казани, '),
    'streets (на улице Ленина, …)': fill('на улице Ленина, '),
    'numbered schools (школа № 1 …)': fill('школа № 1 '),
    'capitalised words (Казань …)': fill('Казань '),
    'acronyms (КФУ …)': fill('КФУ '),
    'initials (С.С.С.…)': fill('С.'),
    'adjectives without a head (Невскому …)': fill('Невскому '),
    'quoted venues (в «Ракете» …)': fill('в «Ракете» '),
    'quoted names after a head (в антикафе «Часы» …)': fill('в антикафе «Часы» '),
    'a comma and a quote after a head (бар на весь район, «Причал», …)': fill('бар на весь район, «Причал», '),
    'capitalised adjectives (на Большой Морской Малой …)': fill('на Большой Морской Малой Садовой '),
    'lower-case adjectives (на детской гороховой …)': fill('на детской гороховой '),
    'a quote never closed (бар «ааа …)': 'бар «' + fill('ааа '),
    'a first name and surname after на (на Карла Маркса …)': fill('на Карла Маркса '),
    'look-alike letters (Kазань …)': fill('Kазань '),
    'soft hyphens (Ка\u00adзань …)': fill('Ка\u00adзань '),
    'one word': fill('ы'),
    'almost e-mail (a@a@…)': fill('a@'),
  };
}

/** The slowest shape at the size limit, each detected once by a detector that has seen nothing. */
function worstCase(docs: { text: string }[]): { shape: string; seconds: number; cpuSeconds: number } {
  let worst = { shape: '', seconds: 0, cpuSeconds: 0 };
  for (const [shape, text] of Object.entries(worstShapes(STORY_MAX_CHARS, docs))) {
    const detector = newDetector();
    const c = process.cpuUsage();
    const t = performance.now();
    detector.detect(text, 'ru');
    const seconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(c);
    if (seconds > worst.seconds) worst = { shape, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  }
  return worst;
}

export async function runPlacesBench(): Promise<Record<string, string | number>> {
  const t0 = performance.now();
  const detector = loadDetector();
  const loadMs = performance.now() - t0;
  const docs = corpus();
  const bytesPerRound = docs.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
  for (const d of docs) detector.detect(d.text, d.lang); // warm-up
  let bytes = 0;
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  while (performance.now() - t1 < 2000 || bytes < 1_000_000) {
    for (const d of docs) detector.detect(d.text, d.lang);
    bytes += bytesPerRound;
  }
  const secs = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(c1);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  // Worst case: every word looked up afresh (a detector remembers words it has seen).
  const plain = newDetector({ wordCacheLimit: 0 });
  for (const d of docs) plain.detect(d.text, d.lang); // warm-up of its own regexps
  let plainBytes = 0;
  const c2 = process.cpuUsage();
  const t2 = performance.now();
  while (performance.now() - t2 < 1000 || plainBytes < 500_000) {
    for (const d of docs) plain.detect(d.text, d.lang);
    plainBytes += bytesPerRound;
  }
  const plainSecs = (performance.now() - t2) / 1000;
  const cpu2 = process.cpuUsage(c2);
  const worst = worstCase(docs);
  return {
    'places: gazetteer load (ms)': Math.round(loadMs),
    'places: gazetteer places': gazetteerSize(),
    'places: detect throughput (MB/s)': Number((bytes / 1e6 / secs).toFixed(2)),
    // wall-clock figures suffer on a busy machine; per CPU-second is the stable one
    'places: detect throughput (MB per CPU-s)': Number((bytes / 1e6 / cpuSecs).toFixed(2)),
    'places: detect throughput without word cache (MB/s)': Number((plainBytes / 1e6 / plainSecs).toFixed(2)),
    'places: detect throughput without word cache (MB per CPU-s)': Number((plainBytes / 1e6 / ((cpu2.user + cpu2.system) / 1e6)).toFixed(2)),
    'places: corpus (texts)': docs.length,
    [`places: worst story of ${STORY_MAX_CHARS} characters (s, target ≤ 1)`]: Number(worst.seconds.toFixed(2)),
    [`places: worst story of ${STORY_MAX_CHARS} characters (CPU s)`]: Number(worst.cpuSeconds.toFixed(2)),
    'places: worst shape': worst.shape,
  };
}

export async function benchPlaces(): Promise<void> {
  for (const [k, v] of Object.entries(await runPlacesBench())) console.log(`${k}: ${v}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchPlaces();
