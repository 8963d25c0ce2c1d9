// The send flow (docs/API.md): seal the testimony for the editors, upload its pictures if it has
// any (pictures-view.ts), fetch a proof-of-work challenge, solve it, POST the envelope. Plaintext never leaves this function: if sealing fails,
// nothing is sent. An expired challenge is retried once with a fresh one.

import { b64uEncode, wipe } from '../crypto/bytes.ts';
import { apiErrorCodeOf } from '../crypto/contract.ts';
import { sealEnvelope } from '../crypto/envelope-noble.ts';
import { FormatError } from '../crypto/errors.ts';
import { deriveReceipt, parseReceiptCode } from '../crypto/receipt.ts';
import { encodeTestimony } from '../crypto/testimony-encode.ts';
import type { Testimony } from '../crypto/testimony.ts';
import { NetworkError, type ApiAnswer } from './api.ts';

/** What the person typed, minus consent (the form refuses to send without it). */
export type Draft = Omit<Testimony, 'v' | 'consent' | 'replyKey'>;

export type SendFailure = 'network' | 'busy' | 'too-big' | 'expired' | 'storage' | 'failed';

export class SendError extends Error {
  constructor(readonly reason: SendFailure) {
    super(`not sent: ${reason}`);
    this.name = 'SendError';
  }
}

export type SendStage = 'encrypt' | 'work' | 'send';

/** A story's pictures (pictures-view.ts, loaded only when pictures are added): they write the
 * document with their keys in it (sealing themselves), then upload themselves before the story,
 * which names the upload (docs/API.md "Attachments"); with none chosen, no token. */
export interface StoryPictures {
  encode(testimony: Testimony): Uint8Array;
  upload(deps: SendDeps): Promise<{ token?: string } | { failure: SendFailure }>;
}

export interface SendDeps {
  post(path: string, body?: unknown): Promise<ApiAnswer>;
  pictures?: StoryPictures;
  /** Solves a challenge; `onProgress` gets the share of the expected work done so far. */
  solve(challenge: string, difficulty: number, onProgress: (fraction: number) => void): Promise<string>;
  recipients: readonly Uint8Array[];
  onStage(stage: SendStage, fraction?: number): void;
}

/** Attempts per send: the first, plus one automatic retry after an expired challenge. */
const ATTEMPTS = 2;

export function failureOf(answer: ApiAnswer): SendFailure {
  const code = apiErrorCodeOf(answer.body);
  if (answer.status === 413) return 'too-big';
  if (answer.status === 503 || answer.status === 429) return 'busy';
  if (answer.status === 507) return 'storage';
  if (code === 'challenge_expired' || code === 'challenge_used') return 'expired';
  return 'failed';
}

export function readChallenge(answer: ApiAnswer): { challenge: string; difficulty: number } {
  if (answer.status !== 200) throw new SendError(failureOf(answer));
  const body = answer.body as { challenge?: unknown; difficulty?: unknown } | null;
  if (typeof body?.challenge !== 'string' || !Number.isInteger(body.difficulty)) throw new SendError('failed');
  return { challenge: body.challenge, difficulty: body.difficulty as number };
}

/** `envelopeBytes`: the server prices the work by the envelope's size (docs/API.md). */
async function attempt(deps: SendDeps, envelope: string, envelopeBytes: number, receiptVerifier: string, upload?: string): Promise<ApiAnswer> {
  deps.onStage('work', 0);
  const { challenge, difficulty } = readChallenge(await deps.post('/api/v1/challenge', { envelopeBytes }));
  const nonce = await deps.solve(challenge, difficulty, (fraction) => deps.onStage('work', fraction));
  deps.onStage('send');
  return deps.post('/api/v1/submissions', { envelope, challenge, nonce, receiptVerifier, upload });
}

/**
 * Sends `draft` under `receiptCode`. Resolves once the server has stored it durably; throws
 * SendError otherwise. Sending the same draft again with the same code is safe: a "receipt
 * already used" answer means an earlier attempt was stored and only its answer was lost.
 */
export async function sendTestimony(draft: Draft, receiptCode: string, deps: SendDeps): Promise<void> {
  const parsed = parseReceiptCode(receiptCode);
  if (!parsed.ok) throw new RangeError('invalid receipt code');
  const receipt = deriveReceipt(parsed.ikm);
  wipe(receipt.reply.secretKey);
  deps.onStage('encrypt');
  let envelope: string;
  let envelopeBytes: number;
  try {
    const payload = (deps.pictures?.encode ?? encodeTestimony)({ v: 1, ...draft, consent: true, replyKey: b64uEncode(receipt.reply.publicKey) });
    const sealed = sealEnvelope(payload, deps.recipients);
    envelopeBytes = sealed.length;
    envelope = b64uEncode(sealed);
  } catch (error) {
    // The form bounds every field, so an invalid document can only be one that is too long.
    throw new SendError(error instanceof FormatError ? 'too-big' : 'failed');
  }
  const receiptVerifier = b64uEncode(receipt.verifier);
  try {
    const uploaded = await deps.pictures?.upload(deps);
    if (uploaded && 'failure' in uploaded) throw new SendError(uploaded.failure);
    for (let i = 1; i <= ATTEMPTS; i++) {
      const answer = await attempt(deps, envelope, envelopeBytes, receiptVerifier, uploaded?.token);
      if (answer.status === 201) return;
      if (apiErrorCodeOf(answer.body) === 'receipt_used') return;
      const failure = failureOf(answer);
      if (failure !== 'expired' || i === ATTEMPTS) throw new SendError(failure);
    }
  } catch (error) {
    if (error instanceof NetworkError) throw new SendError('network');
    throw error;
  }
}
