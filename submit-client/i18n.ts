// The page's languages. Static text carries `data-i18n="key"` (text) or
// `data-i18n-label="key"` (aria-label); text set at run time goes through `setMessage`, which
// stores the key and its values on the element so a language switch re-renders it too and never
// touches what the person typed.
//
// Russian needs no request: the HTML is pre-rendered in it, and the page reads those texts back
// from itself at start (`pageMessages`); the script carries only the Russian messages the HTML
// does not hold word for word (submit-client/build.ts, SOTTO_RU_RUNTIME). The other languages are
// separate files, loaded only when used (submit-client/translations.ts); submit-client/dictionaries.ts
// loads every dictionary for the build and the tests.
//
// The page speaks every story language (crypto/contract.ts, STORY_LANGUAGES) but "other": adding
// one is its dictionary, i18n/<code>.ts, plus its code in that list. The build generates the
// language buttons and the story-language options from it (submit-client/build.ts).

import { STORY_LANGUAGES } from '../crypto/contract.ts';
import type { MessageKey, Messages } from './i18n/en.ts';
import { fillPlurals } from './plural.ts';

export type { MessageKey, Messages };
export type UiLanguage = Exclude<(typeof STORY_LANGUAGES)[number], 'other'>;
export const UI_LANGUAGES: readonly UiLanguage[] = STORY_LANGUAGES.filter((lang): lang is UiLanguage => lang !== 'other');
/** Russian first: most people this page is for read it. */
export const DEFAULT_LANGUAGE: UiLanguage = 'ru';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return (UI_LANGUAGES as readonly unknown[]).includes(value);
}

/** The first of the browser's languages the page speaks ("uk-UA" → uk), else Russian. */
export function pickLanguage(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

/** Fills a message's `{name}` slots, numbers written the local way ("200 000", "200,000"), and its
 * plural slots (plural.ts). */
export function fillMessage(template: string, lang: UiLanguage, values: Record<string, string | number> = {}): string {
  return fillPlurals(template, lang, values).replace(/\{(\w+)\}/g, (slot, name: string) => {
    const value = values[name];
    if (value === undefined) return slot;
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : value;
  });
}

let current: { lang: UiLanguage; messages: Messages } | null = null;
/** Messages a lazily loaded view brought for every language (addMessages): the language files
 * the first load fetches do not hold them. */
const added: Partial<Record<UiLanguage, Partial<Messages>>> = {};

/** Lets a lazily loaded view bring its own texts, in every language (status.js: the statuses). */
export function addMessages(byLanguage: Readonly<Partial<Record<UiLanguage, Partial<Messages>>>>): void {
  for (const [lang, messages] of Object.entries(byLanguage) as [UiLanguage, Partial<Messages>][]) added[lang] = { ...added[lang], ...messages };
}

/** The messages the page shows as served: every `data-i18n` element's text (those with
 * `data-i18n-values` aside: their text has the values filled in) and every `data-i18n-label`'s
 * aria-label, then `rest` over them. Read before anything on the page changes. */
export function pageMessages(doc: Document, rest: Partial<Messages>): Partial<Messages> {
  const messages: Partial<Record<MessageKey, string>> = {};
  doc.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    if (el.dataset.i18nValues === undefined) messages[el.dataset.i18n as MessageKey] = el.textContent ?? '';
  });
  doc.querySelectorAll<HTMLElement>('[data-i18n-label]').forEach((el) => {
    messages[el.dataset.i18nLabel as MessageKey] = el.getAttribute('aria-label') ?? '';
  });
  return { ...messages, ...rest };
}

/** Sets the dictionary of the language the page already shows (Russian, pre-rendered), without
 * touching the page. */
export function startLanguage(lang: UiLanguage, messages: Messages): void {
  current = { lang, messages };
}

function render(el: HTMLElement): void {
  if (!current) throw new Error('i18n: startLanguage was not called');
  const key = el.dataset.i18n as MessageKey;
  const values = el.dataset.i18nValues ? (JSON.parse(el.dataset.i18nValues) as Record<string, string | number>) : {};
  el.textContent = fillMessage(current.messages[key] ?? added[current.lang]?.[key] ?? '', current.lang, values);
}

/** Shows a translated message in `el` (or empties it when `key` is null). */
export function setMessage(el: HTMLElement, key: MessageKey | null, values?: Record<string, string | number>): void {
  if (key === null) {
    delete el.dataset.i18n;
    el.textContent = '';
    return;
  }
  el.dataset.i18n = key;
  if (values) el.dataset.i18nValues = JSON.stringify(values);
  else delete el.dataset.i18nValues;
  render(el);
}

/** Translates the whole document into `lang`, whose dictionary is `messages`. Form values are
 * never touched. */
export function applyLanguage(doc: Document, lang: UiLanguage, messages: Messages): void {
  current = { lang, messages };
  doc.documentElement.lang = lang;
  doc.title = messages.pageTitle;
  doc.querySelectorAll<HTMLElement>('[data-i18n]').forEach(render);
  doc.querySelectorAll<HTMLElement>('[data-i18n-label]').forEach((el) => {
    el.setAttribute('aria-label', messages[el.dataset.i18nLabel as MessageKey]);
  });
  doc.querySelectorAll<HTMLElement>('[data-lang]').forEach((button) => {
    const chosen = button.dataset.lang === lang;
    button.setAttribute('aria-pressed', String(chosen));
    // The language menu's summary names the language shown, in that language.
    if (!chosen) return;
    doc.querySelectorAll<HTMLElement>('[data-lang-current]').forEach((name) => {
      name.textContent = button.textContent;
      name.lang = lang;
    });
  });
}
