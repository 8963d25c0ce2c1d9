import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES, fillMessage, pickLanguage } from './i18n.ts';
import { DICTIONARIES } from './i18n/dictionaries.ts';
import { en } from './i18n/en.ts';

describe('translations', () => {
  it('every language has exactly the English keys, each filled, with the same {slots}', () => {
    const slots = (text: string): string[] => [...text.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
    for (const lang of UI_LANGUAGES) {
      const dict = DICTIONARIES[lang];
      expect(Object.keys(dict).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(dict)) {
        expect(text.trim(), `${lang}.${key}`).not.toBe('');
        expect(slots(text), `${lang}.${key}`).toEqual(slots(en[key as keyof typeof en]));
      }
    }
  });

  it('translates every string away from English (names and the brand aside)', () => {
    for (const lang of ['ru', 'uk', 'fr'] as const) {
      for (const [key, text] of Object.entries(DICTIONARIES[lang])) expect(text, `${lang}.${key}`).not.toBe(en[key as keyof typeof en]);
    }
  });

  it('picks the first browser language the page speaks, else Russian', () => {
    expect(pickLanguage(['de-DE', 'uk-UA', 'en'])).toBe('uk');
    expect(pickLanguage(['FR-ca'])).toBe('fr');
    expect(pickLanguage(['en-GB', 'ru'])).toBe('en');
    expect(pickLanguage(['de', 'kk'])).toBe('ru');
    expect(pickLanguage([])).toBe('ru');
  });

  it('fills slots with locally formatted numbers', () => {
    expect(fillMessage(en.storyCount, 'en', { count: 1234, max: 200000 })).toBe('1,234 of 200,000 characters');
    expect(fillMessage(DICTIONARIES.ru.storyCount, 'ru', { count: 0, max: 200000 })).toBe('0 из 200\u00a0000 знаков');
  });
});
