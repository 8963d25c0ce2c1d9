// The page's four languages. Static text carries `data-i18n="key"` (text) or
// `data-i18n-label="key"` (aria-label); text set at run time goes through `setMessage`, which
// stores the key and its values on the element so a language switch re-renders it too and never
// touches what the person typed.

import { en, type MessageKey, type Messages } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { ru } from './i18n/ru.ts';
import { uk } from './i18n/uk.ts';

export type { MessageKey, Messages };
export const UI_LANGUAGES = ['ru', 'uk', 'en', 'fr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const DICTIONARIES: Readonly<Record<UiLanguage, Messages>> = { ru, uk, en, fr };
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

/** Fills `{name}` slots; numbers are written the local way ("200 000", "200,000"). */
export function formatMessage(lang: UiLanguage, key: MessageKey, values: Record<string, string | number> = {}): string {
  return DICTIONARIES[lang][key].replace(/\{(\w+)\}/g, (slot, name: string) => {
    const value = values[name];
    if (value === undefined) return slot;
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : value;
  });
}

let current: UiLanguage = DEFAULT_LANGUAGE;

function render(el: HTMLElement): void {
  const key = el.dataset.i18n as MessageKey;
  const values = el.dataset.i18nValues ? (JSON.parse(el.dataset.i18nValues) as Record<string, string | number>) : {};
  el.textContent = formatMessage(current, key, values);
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

/** Translates the whole document into `lang`. Form values are never touched. */
export function applyLanguage(doc: Document, lang: UiLanguage): void {
  current = lang;
  doc.documentElement.lang = lang;
  doc.title = DICTIONARIES[lang].pageTitle;
  doc.querySelectorAll<HTMLElement>('[data-i18n]').forEach(render);
  doc.querySelectorAll<HTMLElement>('[data-i18n-label]').forEach((el) => {
    el.setAttribute('aria-label', DICTIONARIES[lang][el.dataset.i18nLabel as MessageKey]);
  });
  doc.querySelectorAll<HTMLElement>('[data-lang]').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  });
}
