// All four dictionaries, for the build (which pre-renders Russian and writes the others to
// i18n/<lang>.json) and for tests. Never imported by the page's script: it would bundle them all.

import type { UiLanguage } from '../i18n.ts';
import { en, type Messages } from './en.ts';
import { fr } from './fr.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';

export const DICTIONARIES: Readonly<Record<UiLanguage, Messages>> = { ru, uk, en, fr };
