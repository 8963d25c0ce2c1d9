// People of a story (kind `person`): first names in any case and their diminutives, patronymics,
// a surname after a first name; never taken from a place; replaced by a consistent initial.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { applyReplacements, loadDetector, runPlacesDetect, suggestReplacements } from '../index.ts';

const d = loadDetector();
const people = (text: string, lang: string): string[] => d.detect(text, lang).filter((s) => s.kind === 'person').map((s) => s.text);
const anonymise = (text: string, lang: string): string => applyReplacements(text, suggestReplacements(text, lang, d.detect(text, lang)));

describe('people', () => {
  it.each([
    ['Вечером я написала Любе, а утром пришёл ответ от Стаса.', 'ru', ['Любе', 'Стаса']],
    ['Наш сосед Геннадий Павлович и его дочь Маргарита Волкова всё видели.', 'ru', ['Геннадий Павлович', 'Маргарита Волкова']],
    ['Про нас знав тільки Сергій, і ще Юрій Іванович з роботи.', 'uk', ['Сергій', 'Юрій Іванович']],
    ['Only Lena and Timur knew; we never told Aunt Vera.', 'en', ['Lena', 'Timur', 'Vera']],
  ])('%s', (text, lang, want) => {
    expect(people(text, lang)).toEqual(want);
  });

  it('a name that is also a word counts only inside a sentence; a common word never', () => {
    expect(people('Надежда умирает последней. Коли я прийшла, нікого не було.', 'ru')).toEqual([]);
    expect(people('Я всё рассказала Надежде.', 'ru')).toEqual(['Надежде']);
  });

  it('a town after a place preposition stays a town, a first name elsewhere is a person', () => {
    const spans = d.detect('Я позвонила Оле из Перми, а потом поехала в Надежду.', 'ru');
    expect(spans.map((s) => `${s.text}:${s.kind}`)).toEqual(['Оле:person', 'Перми:city', 'Надежду:town']);
  });

  it('replaces each person by one initial in every form; another person with that initial gets more letters', () => {
    expect(anonymise('Мы с Аней жили вместе. Аня и Андрей знали, Анна Петровна нет.', 'ru'))
      .toBe('Мы с А. жили вместе. А. и Ан. знали, А. нет.');
  });

  it('`places detect` leaves people out unless asked: --people gives them alone', async () => {
    const run = async (opts: { people?: boolean }): Promise<string[]> => {
      const input = new PassThrough(), output = new PassThrough();
      let out = '';
      output.on('data', (c: Buffer) => { out += c.toString(); });
      input.end(`${JSON.stringify({ id: 'a', lang: 'ru', text: 'Мы с Катей жили в Казани.' })}\n`);
      await runPlacesDetect(input, output, opts);
      return (JSON.parse(out) as { spans: { kind: string }[] }).spans.map((s) => s.kind);
    };
    expect(await run({})).toEqual(['city']);
    expect(await run({ people: true })).toEqual(['person']);
  });
});
