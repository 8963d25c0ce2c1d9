// The proof-of-work Web Worker: solves one challenge and reports progress. It sees only the
// challenge, never the story. The fast solver's answer is checked against crypto/pow.ts, the
// definition the server uses; should they ever disagree, the reference solver decides.

import { meetsDifficulty, solveChallenge } from '../crypto/pow.ts';
import type { PowReply, PowRequest } from './pow-client.ts';
import { solveChallengeFast } from './pow-solver.ts';

function reply(message: PowReply): void {
  postMessage(message);
}

addEventListener('message', (event: MessageEvent<PowRequest>) => {
  const { challenge, difficulty } = event.data;
  const onProgress = (tried: number): void => reply({ type: 'progress', tried });
  try {
    let nonce = solveChallengeFast(challenge, difficulty, { onProgress });
    if (!meetsDifficulty(challenge, nonce, difficulty)) nonce = solveChallenge(challenge, difficulty, { onProgress });
    reply({ type: 'done', nonce });
  } catch {
    reply({ type: 'error' });
  }
});
