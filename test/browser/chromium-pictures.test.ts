import { picturesSuite } from './_pictures.ts';

picturesSuite('chromium');
