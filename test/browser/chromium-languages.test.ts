import { UI_LANGUAGES } from '../../submit-client/i18n.ts';
import { languageSuite } from './_languages.ts';

languageSuite('chromium', UI_LANGUAGES);
