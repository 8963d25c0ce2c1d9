// Replacement suggestions and the `places detect` JSON-lines contract.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { applyReplacements, loadDetector, runPlacesDetect, suggestReplacements } from '../index.ts';
import { translitVariants } from '../build-gazetteer.mjs';

const d = loadDetector();
const anonymise = (text: string, lang: string): string => applyReplacements(text, suggestReplacements(text, lang, d.detect(text, lang)));

describe('suggestReplacements', () => {
  it('generalises a city in the story language, in the right case', () => {
    expect(anonymise('Я живу в Екатеринбурге.', 'ru')).toBe('Я живу в [городе на Урале].');
    expect(anonymise('Я уехала из Екатеринбурга.', 'ru')).toBe('Я уехала из [города на Урале].');
    expect(anonymise('I live in Novosibirsk.', 'en')).toBe('I live in [a city in Siberia].');
    expect(anonymise("J'habite à Iekaterinbourg.", 'fr')).toBe("J'habite à [une ville de l'Oural].");
    expect(anonymise('Я живу в Харкові.', 'uk')).toBe('Я живу в [місті в Україні].');
  });

  it('keeps the head word and hides the name; the same place gets the same letter', () => {
    expect(anonymise('Я жила на улице Баумана, потом на улице Ленина, а работала на улице Баумана.', 'ru'))
      .toBe('Я жила на улице N, потом на улице M, а работала на улице N.');
    expect(anonymise('We met at a bar called Pink Flamingo near Vainera Street.', 'en')).toBe('We met at a bar called X near Y Street.');
  });

  it('replaces inflected forms of one place with one wording and numbers different places', () => {
    const text = 'Я из Миасса, а в Миассе нет ничего. Потом я жил в Златоусте.';
    const r = suggestReplacements(text, 'ru', d.detect(text, 'ru'));
    expect(r.map((s) => s.replacement)).toEqual(['[города на Урале]', '[городе на Урале]', '[городе на Урале 2]']);
  });

  it('keeps countries and turns demonyms into "local"', () => {
    expect(anonymise('Мы поженились в Дании. Казанские друзья рады.', 'ru')).toBe('Мы поженились в Дании. Местные друзья рады.');
    expect(anonymise('A Muscovite friend came.', 'en')).toBe('A local friend came.');
  });
});

describe('transliteration schemes (build step)', () => {
  it('spells Челябинск the ways stories do', () => {
    const v = translitVariants('Челябинск');
    for (const s of ['chelyabinsk', 'cheliabinsk', 'tcheliabinsk', 'tscheljabinsk', 'celjabinsk']) expect(v).toContain(s);
  });
  it('spells French forms', () => {
    expect(translitVariants('Екатеринбург')).toContain('iekaterinbourg');
    expect(translitVariants('Набережные Челны')).toContain('naberejnye tchelny');
    expect(translitVariants('Новосибирск')).toContain('novossibirsk');
  });
});

async function runLines(lines: string[], all = false): Promise<unknown[]> {
  const input = new PassThrough();
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const done = runPlacesDetect(input, output, { all, detector: d });
  input.end(lines.join('\n') + '\n');
  await done;
  return chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as unknown);
}

describe('runPlacesDetect', () => {
  it('answers one line per input line, in order, and survives malformed lines', async () => {
    const out = await runLines([
      JSON.stringify({ id: 'a', lang: 'ru', text: 'Я из Казани, пишите ivan@mail.ru' }),
      '{not json',
      JSON.stringify({ id: 'c', lang: 'en' }),
      JSON.stringify({ id: 'd', lang: 'zz', text: 'Живу в Перми, live in Perm' }),
    ]);
    expect(out).toEqual([
      { id: 'a', spans: [{ start: 5, end: 11, kind: 'city' }] },
      { id: null, spans: [], error: expect.any(String) },
      { id: 'c', spans: [], error: '"text" expected string' },
      { id: 'd', spans: [{ start: 7, end: 12, kind: 'city' }, { start: 22, end: 26, kind: 'city' }] },
    ]);
  });

  it('includes contacts and street numbers only with --all', async () => {
    const [out] = await runLines([JSON.stringify({ id: 'a', lang: 'ru', text: 'улица Ленина, д. 5, ivan@mail.ru' })], true) as { spans: { kind: string }[] }[];
    expect(out?.spans.map((s) => s.kind)).toEqual(['street', 'street_number', 'contact']);
  });
});
