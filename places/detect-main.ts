// Stand-alone entry for scoring: node --import tsx places/detect-main.ts [--all | --people]
import { runPlacesDetect } from './detect-cli.ts';

runPlacesDetect(process.stdin, process.stdout, { all: process.argv.includes('--all'), people: process.argv.includes('--people') }).catch((e: unknown) => {
  process.stderr.write(`places detect: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
