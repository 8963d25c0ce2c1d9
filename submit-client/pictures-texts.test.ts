import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from './i18n.ts';
import { PICTURES_KEYS, PICTURES_TEXTS } from './pictures-texts.ts';

const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the pictures view\'s texts', () => {
  it('speak every language of the page, with every key filled and the same {slots} as English', () => {
    expect(Object.keys(PICTURES_TEXTS).sort()).toEqual([...UI_LANGUAGES].sort());
    for (const lang of UI_LANGUAGES) {
      const texts = PICTURES_TEXTS[lang];
      expect(Object.keys(texts).sort(), lang).toEqual([...PICTURES_KEYS].sort());
      for (const key of PICTURES_KEYS) {
        expect(texts[key].trim(), `${lang}.${key}`).not.toBe('');
        expect(slots(texts[key]), `${lang}.${key}`).toEqual(slots(PICTURES_TEXTS.en[key]));
        if (lang !== 'en' && !/^(kindXmp)$/.test(key)) expect(texts[key], `${lang}.${key} is still English`).not.toBe(PICTURES_TEXTS.en[key]);
      }
    }
  });
});
