// Runs the proof of work in a Web Worker (pow-worker.ts) so the page stays responsive, and turns
// attempts into a progress share for the progress bar.

import { expectedAttempts } from '../crypto/pow.ts';

export interface PowRequest {
  challenge: string;
  difficulty: number;
}

export type PowReply = { type: 'progress'; tried: number } | { type: 'done'; nonce: string } | { type: 'error' };

/** Resolves with the nonce. `onProgress` gets 1 − e^(−tried/expected): the chance that a
 * solution would have been found by now, which rises smoothly and never reaches 1 too early. */
export function solveInWorker(challenge: string, difficulty: number, onProgress: (fraction: number) => void): Promise<string> {
  const expected = expectedAttempts(difficulty);
  return new Promise((resolve, reject) => {
    const worker = new Worker('pow-worker.js');
    const fail = (): void => {
      worker.terminate();
      reject(new Error('proof of work failed'));
    };
    worker.onerror = fail;
    worker.onmessage = (event: MessageEvent<PowReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') {
        onProgress(1 - Math.exp(-reply.tried / expected));
      } else if (reply.type === 'done') {
        worker.terminate();
        resolve(reply.nonce);
      } else {
        fail();
      }
    };
    worker.postMessage({ challenge, difficulty } satisfies PowRequest);
  });
}
