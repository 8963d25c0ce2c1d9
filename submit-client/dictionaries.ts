// Every dictionary, for the build (which pre-renders Russian and writes the others to
// i18n/<lang>.json) and for tests. Never imported by the page's script: it would bundle them all.
// Each language's file is found by its code (i18n/<code>.ts, default export), so a new language
// needs no line here; its `satisfies Messages` makes a missing or extra key a type error.

import { UI_LANGUAGES, type UiLanguage } from './i18n.ts';
import type { Messages } from './i18n/en.ts';

async function load(lang: UiLanguage): Promise<[UiLanguage, Messages]> {
  const module = (await import(`./i18n/${lang}.ts`)) as { default: Messages };
  return [lang, module.default];
}

export const DICTIONARIES: Readonly<Record<UiLanguage, Messages>> = Object.fromEntries(await Promise.all(UI_LANGUAGES.map(load))) as Record<UiLanguage, Messages>;
