// `places detect`: the detector's JSON-lines interface, used to score it (README "Place-name detection").

import type { CommandContext } from '../io.ts';
import { runPlacesDetect } from '../places.ts';

export async function runPlacesDetectCommand({ io }: CommandContext): Promise<void> {
  await runPlacesDetect(io.stdin, io.stdout);
}
