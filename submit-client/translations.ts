// The page's dictionaries. Russian, the language the HTML is pre-rendered in, is read back from
// the page itself, plus the Russian messages the HTML does not hold word for word, which the build
// writes into this bundle (SOTTO_RU_RUNTIME): no request, so it cannot fail. Each other language
// is a same-origin file, i18n/<lang>.json, pinned like the scripts: the build writes its SHA-384
// into this bundle (SOTTO_TRANSLATIONS), and fetch refuses any other bytes. A file that cannot be
// loaded or does not match rejects; the page then stays in the language it shows.

import { FETCH_OPTIONS } from './api.ts';
import { DEFAULT_LANGUAGE, pageMessages, type MessageKey, type Messages, type UiLanguage } from './i18n.ts';

/** Language → base64 SHA-256 of i18n/<lang>.json (its SRI integrity without the "sha256-"
 * prefix, which is the same for all), for every language but Russian. */
declare const SOTTO_TRANSLATIONS: Readonly<Partial<Record<UiLanguage, string>>>;
/** The Russian messages that are not in the pre-rendered HTML word for word: those shown at run
 * time (errors, progress, statuses) and those with slots. */
declare const SOTTO_RU_RUNTIME: Readonly<Partial<Messages>>;

let russian: Messages | null = null;
const loading = new Map<UiLanguage, Promise<Messages>>();

/** The Russian dictionary. Call once, first thing, while the page is still as served. */
export function readRussian(doc: Document): Messages {
  russian = pageMessages(doc, SOTTO_RU_RUNTIME) as Messages;
  return russian;
}

async function fetchMessages(lang: UiLanguage, keys: readonly MessageKey[]): Promise<Messages> {
  const digest = SOTTO_TRANSLATIONS[lang];
  if (!digest) throw new Error(`no translation for ${lang}`);
  const response = await fetch(`i18n/${lang}.json`, { ...FETCH_OPTIONS, integrity: `sha256-${digest}` });
  if (!response.ok) throw new Error(`translation ${lang}: ${response.status}`);
  const messages = (await response.json()) as Record<string, unknown>;
  // The hash already pins the bytes; this only guards against a build that wrote a bad file.
  for (const key of keys) {
    if (typeof messages[key] !== 'string') throw new Error(`translation ${lang}: no ${key}`);
  }
  return messages as Messages;
}

/** The dictionary for `lang`, fetched at most once while it succeeds; a failure is forgotten so
 * the next attempt fetches again. */
export function loadMessages(lang: UiLanguage): Promise<Messages> {
  if (!russian) return Promise.reject(new Error('translations: readRussian was not called'));
  if (lang === DEFAULT_LANGUAGE) return Promise.resolve(russian);
  let pending = loading.get(lang);
  if (!pending) {
    pending = fetchMessages(lang, Object.keys(russian) as MessageKey[]);
    loading.set(lang, pending);
    pending.catch(() => loading.delete(lang));
  }
  return pending;
}
