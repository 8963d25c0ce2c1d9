// Attachment uploads (docs/API.md "Attachments"; SECURITY.md §5 "Attachments"). The page seals
// each cleaned image with a key of its own (crypto/attachment-format.ts), then:
//   POST /uploads {challenge, nonce, files}   the sealed sizes, paid for with proof of work priced
//                                             by their total (pow-price.ts, kind "upload");
//                                             answers a random upload token
//   PUT  /uploads/<token>/<file>/<chunk>      each sealed chunk, in any order, again if lost
// and finally posts the story with the token (submit-api.ts), which binds the upload to it in
// the story's commit: one story, one receipt. The server stores the SHA-256 of the token, never
// the token, and knows of an upload only the sealed sizes and the UTC day.

import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import * as z from 'zod';
import { b64uEncode } from '../crypto/bytes.ts';
import {
  ATTACHMENT_SEALED_CHUNK_BYTES,
  MAX_ATTACHMENTS,
  MAX_SEALED_UPLOAD_BYTES,
  isSealedAttachmentSize,
  sealedChunkCount,
  sealedChunkSize,
} from '../crypto/attachment-format.ts';
import { REFUSED_SOLUTION_ERRORS, type ChallengeBook } from './challenge.ts';
import type { AdaptiveDifficulty } from './difficulty.ts';
import { jsonError } from './errors.ts';
import type { Intake } from './intake.ts';
import { b64uBytes, readJson } from './json-body.ts';
import type { PowPrice } from './pow-price.ts';
import type { SubmissionStore } from './store.ts';
import { utcDay } from '../node-lib/utc-day.ts';

export interface UploadApiDeps {
  challenges: ChallengeBook;
  difficulty: AdaptiveDifficulty;
  price: PowPrice;
  intake: Intake;
  store: SubmissionStore;
  nowMs: () => number;
}

/** The id an upload is stored under: the token itself stays with the page. */
export function uploadIdOf(token: Uint8Array): Uint8Array {
  return createHash('sha256').update(token).digest();
}

export const UPLOAD_TOKEN_BYTES = 32;

const UploadSchema = z.strictObject({
  challenge: z.string().max(256),
  nonce: z.string().max(16),
  files: z
    .array(z.number().int().refine(isSealedAttachmentSize, 'not a sealed attachment size'))
    .min(1)
    .max(MAX_ATTACHMENTS)
    .refine((files) => files.reduce((sum, bytes) => sum + bytes, 0) <= MAX_SEALED_UPLOAD_BYTES, 'too large'),
});

const ChunkPathSchema = z.strictObject({
  token: b64uBytes(UPLOAD_TOKEN_BYTES),
  file: z.coerce.number().int().min(0).max(MAX_ATTACHMENTS - 1),
  chunk: z.coerce.number().int().min(0).max(sealedChunkCount(MAX_SEALED_UPLOAD_BYTES)),
});

export function uploadApi({ challenges, difficulty, price, intake, store, nowMs }: UploadApiDeps): Hono {
  const api = new Hono();

  api.post('/', async (c) => {
    const body = await readJson(c, UploadSchema);
    if (!body.ok) return jsonError(c, body.code, body.error);
    const { challenge, nonce, files } = body.value;
    const now = nowMs();
    const solution = await challenges.redeem(challenge, nonce, now / 1000);
    if (!solution.ok) return jsonError(c, REFUSED_SOLUTION_ERRORS[solution.reason]);
    const total = files.reduce((sum, bytes) => sum + bytes, 0);
    const sizeClass = price.sizeClass(total);
    if (solution.kind !== 'upload' || sizeClass > solution.sizeClass) return jsonError(c, 'bad_proof_of_work');

    const token = randomBytes(UPLOAD_TOKEN_BYTES);
    // Stories still waiting for their commit have a claim on the quota too.
    const queued = (await intake.usedBytes()) - (await store.usedBytes());
    const result = await store.createUpload({ id: uploadIdOf(token), day: utcDay(now), files }, price.storeLimit(sizeClass) - queued);
    if (result === 'storage-full') return jsonError(c, 'storage_full');
    difficulty.record(now);
    return c.json({ upload: b64uEncode(token), chunkBytes: ATTACHMENT_SEALED_CHUNK_BYTES }, 201);
  });

  api.put('/:token/:file/:chunk', async (c) => {
    if (c.req.header('content-type') !== 'application/octet-stream') return jsonError(c, 'bad_request', 'expected Content-Type: application/octet-stream');
    const path = ChunkPathSchema.safeParse(c.req.param());
    if (!path.success) return jsonError(c, 'invalid_chunk');
    const { token, file, chunk } = path.data;
    const id = uploadIdOf(token);
    const files = await store.uploadFiles(id);
    if (!files) return jsonError(c, 'unknown_upload');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const expected = file < files.length ? sealedChunkSize(files[file]!, chunk) : 0;
    if (expected === 0 || bytes.length !== expected) return jsonError(c, 'invalid_chunk');
    if (!(await store.putChunk(id, file, chunk, bytes))) return jsonError(c, 'unknown_upload');
    return c.json({ ok: true });
  });

  return api;
}
