// The proof-of-work Web Worker: solves one challenge and reports progress. It sees only the
// challenge, never the story.

import { solveChallenge } from '../crypto/pow.ts';
import type { PowReply, PowRequest } from './pow-client.ts';

function reply(message: PowReply): void {
  postMessage(message);
}

addEventListener('message', (event: MessageEvent<PowRequest>) => {
  const { challenge, difficulty } = event.data;
  const onProgress = (tried: number): void => reply({ type: 'progress', tried });
  try {
    reply({ type: 'done', nonce: solveChallenge(challenge, difficulty, { onProgress }) });
  } catch {
    reply({ type: 'error' });
  }
});
