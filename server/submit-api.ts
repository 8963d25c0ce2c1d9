// The public API for submitters (docs/API.md): configuration, challenges, submissions.
// Nothing here reads the client's address or any header but Content-Type and Content-Length.

import { Hono } from 'hono';
import * as z from 'zod';
import { b64uDecode } from '../crypto/bytes.ts';
import { RECEIPT_STATUSES, b64uLength } from '../crypto/contract.ts';
import { checkEnvelope } from '../crypto/envelope-format.ts';
import { verifierOf } from '../crypto/receipt.ts';
import { REFUSED_SOLUTION_ERRORS, type ChallengeBook } from './challenge.ts';
import { utcDay } from '../node-lib/utc-day.ts';
import type { AdaptiveDifficulty } from './difficulty.ts';
import type { Editors } from './editors.ts';
import { jsonError } from './errors.ts';
import type { Intake } from './intake.ts';
import { b64uBytes, readJson } from './json-body.ts';
import { authorMessageRoutes } from './messages-api.ts';
import type { Limits } from './limits.ts';
import type { PowPrice } from './pow-price.ts';
import { StoreFullError, chargeFor, StoreUnavailableError, uploadChargeFor, type SubmissionStore } from './store.ts';
import { UPLOAD_TOKEN_BYTES, uploadIdOf } from './upload-api.ts';
import { MAX_SEALED_UPLOAD_BYTES } from '../crypto/attachment-format.ts';

export interface SubmitApiDeps {
  editors: Editors;
  limits: Limits;
  challenges: ChallengeBook;
  difficulty: AdaptiveDifficulty;
  price: PowPrice;
  intake: Intake;
  store: SubmissionStore;
  nowMs: () => number;
  /** Demo mode (SECURITY.md §5): said in /config, so clients can warn too. */
  demo: boolean;
}

const ReceiptSchema = z.strictObject({ token: b64uBytes(32), action: z.enum(['status', 'withdraw']) });

export function submitApi(deps: SubmitApiDeps): Hono {
  const { editors, limits, challenges, difficulty, price, intake, store, nowMs } = deps;
  // A story's envelope, or (pow-price.ts) the attachments of an upload: one of the two.
  const ChallengeSchema = z.union([
    z.strictObject({ envelopeBytes: z.number().int().min(1).max(limits.maxEnvelopeBytes) }),
    z.strictObject({ uploadBytes: z.number().int().min(1).max(MAX_SEALED_UPLOAD_BYTES) }),
  ]);
  const SubmissionSchema = z.strictObject({
    // Length checks only: decoding waits until the proof of work is known to be good.
    envelope: z.string().min(1).max(b64uLength(limits.maxEnvelopeBytes)),
    challenge: z.string().max(256),
    nonce: z.string().max(16),
    receiptVerifier: b64uBytes(32),
    /** The token of the upload holding this story's attachments (upload-api.ts). */
    upload: b64uBytes(UPLOAD_TOKEN_BYTES).optional(),
  });
  const api = new Hono();

  api.get('/config', (c) =>
    c.json({
      version: 1,
      editors: editors.keys.map((key) => key.line),
      keySetFingerprint: editors.fingerprint,
      maxPayloadBytes: limits.maxPayloadBytes,
      maxEnvelopeBytes: limits.maxEnvelopeBytes,
      pow: { difficulty: difficulty.current(nowMs()) },
      demo: deps.demo,
    }),
  );

  // The body names the size of the envelope to be sent (pow-price.ts); no body: a base-size one.
  api.post('/challenge', async (c) => {
    let asked: z.infer<typeof ChallengeSchema> = { envelopeBytes: price.baseEnvelopeBytes };
    if ((await c.req.text()) !== '') {
      const body = await readJson(c, ChallengeSchema);
      if (!body.ok) return jsonError(c, body.code, body.error);
      asked = body.value;
    }
    const kind = 'uploadBytes' in asked ? 'upload' : 'story';
    const bytes = 'uploadBytes' in asked ? asked.uploadBytes : asked.envelopeBytes;
    const charge = kind === 'upload' ? uploadChargeFor([bytes]) : chargeFor(bytes);
    const now = nowMs();
    const quote = price.quote(difficulty.current(now), bytes, charge, await intake.usedBytes(), kind);
    if (!quote.ok) return jsonError(c, 'storage_full');
    return c.json(challenges.issue(quote.difficulty, now / 1000, quote.sizeClass, kind));
  });

  api.post('/submissions', async (c) => {
    const body = await readJson(c, SubmissionSchema);
    if (!body.ok) return jsonError(c, body.code, body.error);
    const { envelope: encoded, challenge, nonce, receiptVerifier, upload } = body.value;

    const now = nowMs();
    const solution = await challenges.redeem(challenge, nonce, now / 1000);
    if (!solution.ok) return jsonError(c, REFUSED_SOLUTION_ERRORS[solution.reason]);

    let envelope: Uint8Array;
    try {
      envelope = b64uDecode(encoded);
    } catch {
      return jsonError(c, 'invalid_envelope');
    }
    const check = checkEnvelope(envelope, { editorKeyIds: editors.keyIds, maxEnvelopeBytes: limits.maxEnvelopeBytes });
    if (!check.ok) return jsonError(c, 'invalid_envelope');
    // The work was priced for the challenge's size class: a larger envelope has not paid for itself.
    const sizeClass = price.sizeClass(envelope.length);
    if (solution.kind !== 'story' || sizeClass > solution.sizeClass) return jsonError(c, 'bad_proof_of_work');

    let result;
    try {
      const story = { envelope, verifier: receiptVerifier, day: utcDay(now) };
      result = await intake.submit(upload ? { ...story, upload: uploadIdOf(upload) } : story, price.storeLimit(sizeClass));
    } catch (error) {
      if (error instanceof StoreFullError) return jsonError(c, 'storage_full');
      if (error instanceof StoreUnavailableError) return jsonError(c, 'busy');
      throw error;
    }
    if (result === 'duplicate-receipt') return jsonError(c, 'receipt_used');
    if (result === 'storage-full') return jsonError(c, 'storage_full');
    if (result === 'busy') return jsonError(c, 'busy');
    if (result === 'upload-incomplete') return jsonError(c, 'upload_incomplete');
    // Only what is stored raises the price for everyone (difficulty.ts).
    difficulty.record(now);
    return c.json({ ok: true }, 201);
  });

  // The submitter's receipt: the server stores verifierOf(token) (SECURITY.md §4) and compares
  // by lookup, so an unknown token and a wrong one take the same path and get the same shape.
  api.post('/receipts/status', async (c) => {
    const body = await readJson(c, ReceiptSchema);
    if (!body.ok) return jsonError(c, body.code, body.error);
    const verifier = verifierOf(body.value.token);
    const status = body.value.action === 'withdraw' ? await store.withdraw(verifier) : await store.statusOf(verifier);
    return c.json(paddedStatus(status ?? 'unknown'));
  });

  authorMessageRoutes(api, deps);

  return api;
}

const LONGEST_STATUS = Math.max(...RECEIPT_STATUSES.map((status) => status.length));

/** Every receipt answer has the same length, so an observer of (non-Tor) traffic cannot tell a
 * real receipt's answer from "unknown" by its size. */
function paddedStatus(status: string): { status: string; padding: string } {
  return { status, padding: ' '.repeat(LONGEST_STATUS - status.length) };
}
