// Build data/gazetteer.index.v8.gz from data/gazetteer.tsv (run by places/build-gazetteer.mjs;
// alone: node --import tsx places/build-index.ts [gazetteer.tsv]).
import fs from 'node:fs';
import { buildGazetteer, dataFile } from './_gazetteer.ts';
import { cacheFile, indexStamp, writeIndexCache } from './_gazetteer-cache.ts';

const tsv = process.argv[2] ?? dataFile();
const bytes = fs.readFileSync(tsv);
const out = cacheFile(tsv);
writeIndexCache(out, indexStamp(bytes), buildGazetteer(bytes.toString('utf8')));
console.log(`gazetteer index: ${(fs.statSync(out).size / 1e6).toFixed(2)} MB -> ${out}`);
