import { pageSuite } from './_suite.ts';

pageSuite('chromium');
