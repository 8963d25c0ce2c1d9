// The curated data files hold together: every slang or short city name points at a city the
// gazetteer has, and is found in a sentence, capitalised and (three-letter forms) in lower case.
import { describe, expect, it } from 'vitest';
import { loadDetector } from '../index.ts';
import { CITY_ALIASES } from '../_regions.ts';

const d = loadDetector();
const found = (text: string, lang: string, name: string): boolean => d.detect(text, lang).some((s) => s.text === name && (s.kind === 'city' || s.kind === 'town'));

describe('city aliases (data/regions.json)', () => {
  it.each(Object.keys(CITY_ALIASES))('%s is found as a city', (alias) => {
    const lang = /[\u0400-\u04ff]/.test(alias) ? 'ru' : 'en';
    const text = lang === 'ru' ? `Мы долго жили в ${alias} и не жалеем.` : `We lived in ${alias} for years.`;
    expect(found(text, lang, alias)).toBe(true);
    if (alias.length === 3) expect(found(text.replace(alias, alias.toLowerCase()), lang, alias.toLowerCase())).toBe(true);
  });

  it('a three-letter form is found in chat style anywhere, a longer one in lower case only after a preposition', () => {
    expect(d.detect('мск это не спб', 'ru').map((s) => s.text)).toEqual(['мск', 'спб']);
    expect(d.detect('питер красивый, из питера уехал', 'ru').map((s) => s.text)).toEqual(['питера']);
  });
});
