import { pageSuite } from './_suite.ts';

pageSuite('firefox');
