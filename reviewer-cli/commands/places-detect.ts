// `places detect`: the detector's JSON-lines interface, used to score it (DESIGN.md).

import type { CommandContext } from '../io.ts';
import { runPlacesDetect } from '../places.ts';

export async function runPlacesDetectCommand({ io }: CommandContext): Promise<void> {
  await runPlacesDetect(io.stdin, io.stdout);
}
