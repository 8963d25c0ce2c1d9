// `npm run bench`: every benchmark in turn, each printing its own figures. Never part of
// `npm test` (speed targets do not belong in unit tests). Pass names to run only some:
//   npm run bench -- server places
import { runCliBench } from './cli.ts';
import { runCryptoBench } from './crypto.ts';
import { runFloodBench } from './flood.ts';
import { runPageBench } from './page.ts';
import { runMediaBench } from './media.ts';
import { runPicturesBench } from './pictures.ts';
import { benchPlaces } from './places.ts';
import { runScaleOutBench } from './scale-out.ts';
import { runScaleBench } from './scale.ts';
import { runServerBench } from './server.ts';
import { runStressBench } from './stress.ts';

const BENCHES: Record<string, () => Promise<void>> = {
  crypto: runCryptoBench,
  server: runServerBench,
  flood: runFloodBench,
  'scale-out': runScaleOutBench,
  page: runPageBench,
  cli: runCliBench,
  places: benchPlaces,
  media: runMediaBench,
  pictures: () => runPicturesBench(),
  stress: runStressBench,
  scale: runScaleBench,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n== ${name}`);
  await run();
}
