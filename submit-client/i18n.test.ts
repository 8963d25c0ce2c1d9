import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORY_LANGUAGES } from '../crypto/contract.ts';
import { DICTIONARIES } from './dictionaries.ts';
import { UI_LANGUAGES, fillMessage, pickLanguage } from './i18n.ts';
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

  it('translates every string away from English (place names, which some languages share, aside)', () => {
    for (const lang of UI_LANGUAGES.filter((l) => l !== 'en')) {
      for (const [key, text] of Object.entries(DICTIONARIES[lang])) {
        if (!key.startsWith('region_')) expect(text, `${lang}.${key}`).not.toBe(en[key as keyof typeof en]);
      }
    }
  });

  it('speaks every story language but "other", each named in itself', () => {
    expect([...UI_LANGUAGES, 'other']).toEqual([...STORY_LANGUAGES]);
    expect(UI_LANGUAGES.length).toBeGreaterThanOrEqual(16);
    const names = UI_LANGUAGES.map((lang) => DICTIONARIES[lang].languageName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has a dictionary file for every language and none for a language it does not list', async () => {
    const files = (await readdir(path.join(import.meta.dirname, 'i18n'))).filter((name) => name.endsWith('.ts'));
    expect(files.map((name) => name.replace(/\.ts$/, '')).sort()).toEqual([...UI_LANGUAGES].sort());
  });

  it('picks the first browser language the page speaks, else Russian', () => {
    expect(pickLanguage(['it-IT', 'uk-UA', 'en'])).toBe('uk');
    expect(pickLanguage(['de-DE', 'uk-UA'])).toBe('de');
    expect(pickLanguage(['FR-ca'])).toBe('fr');
    expect(pickLanguage(['en-GB', 'ru'])).toBe('en');
    expect(pickLanguage(['it', 'kk-KZ'])).toBe('kk');
    expect(pickLanguage(['it', 'pl'])).toBe('ru');
    expect(pickLanguage([])).toBe('ru');
  });

  it('fills slots with locally formatted numbers', () => {
    expect(fillMessage(en.storyCount, 'en', { count: 1234, max: 200000 })).toBe('1,234 of 200,000 characters');
    expect(fillMessage(DICTIONARIES.ru.storyCount, 'ru', { count: 0, max: 200000 })).toBe('0 из 200\u00a0000 знаков');
  });

  it('picks plural forms by the language\'s own rules (Intl.PluralRules)', () => {
    const keys = (lang: 'ru' | 'en' | 'uk' | 'be', count: number) => fillMessage(DICTIONARIES[lang].keysText, lang, { count });
    expect(keys('en', 1)).toContain('for 1 editor.');
    expect(keys('en', 2)).toContain('for 2 editors.');
    // Russian: "для 1 редактора", "для 2/5/11 редакторов", "для 21 редактора".
    expect([1, 2, 5, 11, 21].map((n) => keys('ru', n).split('.')[0]!.split(' ').slice(-1)[0])).toEqual(
      ['редактора', 'редакторов', 'редакторов', 'редакторов', 'редактора']);
    expect(keys('uk', 3)).toContain('для 3 редакторів.');
    expect(keys('be', 21)).toContain('для 21 рэдактара.');
    // A category a message does not list falls back to "other"; an unfilled slot stays as written.
    expect(fillMessage('{n} {n|other:items}', 'ru', { n: 3 })).toBe('3 items');
    expect(fillMessage('{n|one:a|other:b}', 'en')).toBe('{n|one:a|other:b}');
  });

  it('every plural slot names its count and has an "other" form', () => {
    for (const lang of UI_LANGUAGES) {
      for (const [key, text] of Object.entries(DICTIONARIES[lang])) {
        for (const [, name, forms] of text.matchAll(/\{(\w+)\|([^{}]*)\}/g)) {
          expect(text, `${lang}.${key}`).toContain(`{${name}}`);
          expect(forms!.split('|').map((form) => form.split(':')[0]), `${lang}.${key}`).toContain('other');
        }
      }
    }
  });
});
