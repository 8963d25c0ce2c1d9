// Invisible characters and look-alike letters cannot hide a place: every format character
// inserted at every position inside the names of a sample of gazetteer cities, and every letter
// swapped for its look-alike from the other script, still yields one span over the whole name.
import { describe, expect, it } from 'vitest';
import { loadDetector, suggestReplacements, applyReplacements } from '../index.ts';
import { sharedGazetteer } from '../_instance.ts';
import { countInvisible, hasInvisible, markInvisible, normalise, stripInvisible, toOriginal } from '../_normalise.ts';
import { translitVariants } from '../build-gazetteer.mjs';

const d = loadDetector();

// Format characters (Unicode Cf) of every family, plus other characters that render as nothing.
const INVISIBLES = [
  '\u00ad', '\u061c', '\u180e', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d',
  '\u202e', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\u2066', '\u2067', '\u2068', '\u2069', '\ufeff',
  '\u034f', '\ufe0f', '\u{e0001}', '\u{e0041}', '\u{e007f}',
];
const LOOK_ALIKES: Record<string, string> = { а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y', і: 'i', А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X' };
for (const [c, l] of Object.entries({ ...LOOK_ALIKES })) LOOK_ALIKES[l] = c;

/** Cities of the former USSR of 100 000+ (Cyrillic name, and its first Latin spelling), every 12th. */
function sample(): { name: string; lang: string; sentence: (n: string) => string }[] {
  const cities = [...sharedGazetteer().places.values()]
    .filter((p) => p.type === 'city' && (p.country === 'RU' || p.country === 'UA') && p.pop >= 100_000 && /^[А-ЯЁІЇЄ][а-яёіїє]+(?:[ -][А-ЯЁІЇЄа-яёіїє]+)*$/.test(p.name))
    .sort((a, b) => a.id.localeCompare(b.id))
    .filter((_, i) => i % 12 === 0);
  return cities.flatMap((p) => {
    const latin = translitVariants(p.name)[0] ?? '';
    return [
      { name: p.name, lang: 'ru', sentence: (n: string) => `Мы переехали в ${n} прошлым летом.` },
      ...(latin ? [{ name: latin.replace(/(^|[ -])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()), lang: 'en', sentence: (n: string) => `We moved to ${n} last summer.` }] : []),
    ];
  });
}

/** Is [at, at + len) covered by one detected span? */
function foundWhole(text: string, lang: string, at: number, len: number): boolean {
  return d.detect(text, lang).some((s) => s.start <= at && s.end >= at + len);
}

describe('normalisation', () => {
  it('maps offsets back across removed characters and keeps look-alike swaps in place', () => {
    const text = 'в Ка\u00adза\u200bни и Kазани';
    const n = normalise(text);
    expect(n.text).toBe('в Казани и Казани');
    expect(toOriginal(n, 2, 8)).toEqual({ start: 2, end: 10 });
    expect(text.slice(toOriginal(n, 11, 17).start, toOriginal(n, 11, 17).end)).toBe('Kазани');
    expect(hasInvisible(text)).toBe(true);
    expect(stripInvisible(text)).toBe('в Казани и Kазани');
    expect(normalise('Samаra, Москва, Paris').text).toBe('Samara, Москва, Paris');
  });

  it('export strips, and show marks, hidden characters but keeps emoji sequences whole', () => {
    const flags = 'мы 🏳️‍🌈🏳️‍⚧️ 👩🏽‍❤️‍👩🏻 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}';
    expect(stripInvisible(flags)).toBe(flags);
    expect(countInvisible(flags)).toBe(0);
    const hidden = `Ле\u200bнина\u00ad \u202eи\u{e0041} ${flags}\u200d`;
    expect(stripInvisible(hidden)).toBe(`Ленина и ${flags}`);
    expect(countInvisible(hidden)).toBe(5);
    expect(markInvisible('Ле\u200bнина')).toBe('Ле[U+200B]нина');
  });

  const cities = sample();
  const clean = cities.filter((c) => {
    const s = c.sentence(c.name);
    return foundWhole(s, c.lang, s.indexOf(c.name), c.name.length);
  });

  it('the sample is large and the detector finds nearly all of it as written', () => {
    expect(cities.length).toBeGreaterThanOrEqual(40);
    expect(clean.length / cities.length).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the whole name with any invisible character at any position inside it', () => {
    const missed: string[] = [];
    for (const c of clean) {
      const chars = Array.from(c.name);
      for (let i = 1; i < chars.length; i++) {
        for (const inv of INVISIBLES) {
          const name = chars.slice(0, i).join('') + inv + chars.slice(i).join('');
          const s = c.sentence(name);
          if (!foundWhole(s, c.lang, s.indexOf(name), name.length)) missed.push(JSON.stringify(name));
        }
      }
    }
    expect(missed.slice(0, 10)).toEqual([]);
  });

  it('finds the whole name with any letter swapped for its look-alike from the other script', () => {
    const missed: string[] = [];
    for (const c of clean) {
      const chars = Array.from(c.name);
      chars.forEach((ch, i) => {
        const swap = LOOK_ALIKES[ch];
        if (!swap) return;
        const name = [...chars.slice(0, i), swap, ...chars.slice(i + 1)].join('');
        const s = c.sentence(name);
        if (!foundWhole(s, c.lang, s.indexOf(name), name.length)) missed.push(name);
      });
    }
    expect(missed.slice(0, 10)).toEqual([]);
  });

  it('replaces a hidden-character name whole, so nothing of it is left', () => {
    const text = 'Я живу в Ново\u00adсибирске, на улице Ле\u200bнина.';
    const out = applyReplacements(text, suggestReplacements(text, 'ru', d.detect(text, 'ru')));
    expect(out).toBe('Я живу в [городе в Сибири], на улице N.');
  });
});
