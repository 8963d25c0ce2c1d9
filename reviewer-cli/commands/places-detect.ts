// `places detect`: the detector's JSON-lines interface, used to score it (README "Place-name detection").

import { UsageError } from '../errors.ts';
import type { CommandContext } from '../io.ts';
import { runPlacesDetect } from '../places.ts';

// --people prints only the people spans, so their figures stay apart from the place figures.
export async function runPlacesDetectCommand({ io, options }: CommandContext): Promise<void> {
  const people = options['people'] === true;
  const all = options['all'] === true;
  if (people && all) throw new UsageError('--people and --all exclude each other: --people prints people only', 'places detect');
  await runPlacesDetect(io.stdin, io.stdout, { people, all });
}
