// The replies view speaks every language the page does, with every text written (no English
// stand-ins in the four main languages) and the day slot where it belongs.
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from './i18n.ts';
import { REPLIES_KEYS, REPLIES_TEXTS } from './replies-texts.ts';

describe('replies view texts', () => {
  it('has every key in every page language, non-empty, {day} only where a day is shown', () => {
    expect(Object.keys(REPLIES_TEXTS).sort()).toEqual([...UI_LANGUAGES].sort());
    for (const lang of UI_LANGUAGES) {
      const texts = REPLIES_TEXTS[lang];
      expect(Object.keys(texts).sort(), lang).toEqual([...REPLIES_KEYS].sort());
      for (const key of REPLIES_KEYS) {
        expect(texts[key].trim(), `${lang}.${key}`).not.toBe('');
        expect(texts[key].includes('{day}'), `${lang}.${key}`).toBe(key === 'editors' || key === 'you');
      }
    }
  });

  it('is not English in Russian, Ukrainian or French', () => {
    for (const lang of ['ru', 'uk', 'fr'] as const) {
      for (const key of REPLIES_KEYS) expect(REPLIES_TEXTS[lang][key], `${lang}.${key}`).not.toBe(REPLIES_TEXTS.en[key]);
    }
  });
});
