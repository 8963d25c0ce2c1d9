import { languageSuite } from './_languages.ts';

// A sample: Cyrillic with the page's default, Georgian and Armenian scripts, and a Latin one.
languageSuite('firefox', ['kk', 'ka', 'hy', 'de']);
