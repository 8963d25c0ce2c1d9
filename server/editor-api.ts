// The editor API (docs/API.md "Editor requests"): every route sits behind editorAuth, so the
// editor is known and the request was signed within the window and never seen before.

import { Hono } from 'hono';
import * as z from 'zod';
import { b64uEncode } from '../crypto/bytes.ts';
import { DAY_PATTERN, EDITOR_STATUSES, ID_BYTES, ID_PATTERN, INBOX_PAGE_MAX } from '../crypto/contract.ts';
import { MAX_ATTACHMENTS, MAX_SEALED_UPLOAD_BYTES, sealedChunkCount } from '../crypto/attachment-format.ts';
import { editorAuth, type EditorVariables } from './editor-auth.ts';
import type { Editors } from './editors.ts';
import { jsonError } from './errors.ts';
import { inboxPageBody } from './inbox-body.ts';
import type { Intake } from './intake.ts';
import { b64uBytes, readJson } from './json-body.ts';
import { editorMessageRoutes } from './messages-api.ts';
import { type InboxCursor, type SpentTokens, type SubmissionStore } from './store.ts';

export interface EditorApiDeps {
  editors: Editors;
  store: SubmissionStore;
  /** Where signed requests' nonces are remembered (one use each). */
  editorNonces: SpentTokens;
  nowMs: () => number;
  /** The quota, which replies count against too. */
  intake: Intake;
}

/** A page of envelopes stays well under what a JSON response should hold in memory. */
const MAX_PAGE_ENVELOPE_BYTES = 32 * 1024 * 1024;

const CURSOR = new RegExp(`^(${DAY_PATTERN.source.slice(1, -1)})\\.(${ID_PATTERN.source.slice(1, -1)})$`);

const InboxQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(INBOX_PAGE_MAX).default(20),
  after: z.string().regex(CURSOR).optional(),
});

/** "YYYY-MM-DD.<b64u id>", the position after the last item of the previous page. */
function parseCursor(text: string): InboxCursor | undefined {
  const [, day, id] = CURSOR.exec(text)!;
  const bytes = b64uBytes(ID_BYTES).safeParse(id);
  return bytes.success ? { day: day!, id: bytes.data } : undefined;
}

const AttachmentQuerySchema = z.strictObject({
  id: b64uBytes(ID_BYTES),
  file: z.coerce.number().int().min(0).max(MAX_ATTACHMENTS - 1),
  chunk: z.coerce.number().int().min(0).max(sealedChunkCount(MAX_SEALED_UPLOAD_BYTES)),
});

const AckSchema = z.strictObject({ ids: z.array(b64uBytes(ID_BYTES)).min(1).max(INBOX_PAGE_MAX) });
const StatusSchema = z.strictObject({ id: b64uBytes(ID_BYTES), status: z.enum(EDITOR_STATUSES) });

const cursorOf = (item: { day: string; id: Uint8Array }): string => `${item.day}.${b64uEncode(item.id)}`;

export function editorApi({ editors, store, editorNonces, nowMs, intake }: EditorApiDeps): Hono<{ Variables: EditorVariables }> {
  const api = new Hono<{ Variables: EditorVariables }>();
  api.use(editorAuth(editors, editorNonces, nowMs));
  editorMessageRoutes(api, { editors, store, nowMs, intake });

  api.get('/', async (c) => {
    const query = InboxQuerySchema.safeParse(c.req.query());
    if (!query.success) return jsonError(c, 'invalid_query');
    const { limit, after } = query.data;
    const cursor = after === undefined ? undefined : parseCursor(after);
    if (after !== undefined && !cursor) return jsonError(c, 'invalid_query');
    const page = await store.inbox(c.get('editor').keyIdHex, { limit, maxBytes: MAX_PAGE_ENVELOPE_BYTES, cursor });
    const last = page.items.at(-1);
    const body = inboxPageBody({
      items: page.items.map((item) => ({ id: b64uEncode(item.id), day: item.day, envelope: item.envelope, attachments: item.attachments })),
      next: last && page.remaining > 0 ? cursorOf(last) : null,
      remaining: page.remaining,
      withdrawn: page.withdrawn.map(b64uEncode),
    });
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  // One sealed chunk of an attachment of a story this editor has yet to acknowledge.
  api.get('/attachment', async (c) => {
    const query = AttachmentQuerySchema.safeParse(c.req.query());
    if (!query.success) return jsonError(c, 'invalid_query');
    const { id, file, chunk } = query.data;
    const bytes = await store.attachmentChunk(c.get('editor').keyIdHex, id, file, chunk);
    if (!bytes) return jsonError(c, 'not_found');
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/octet-stream' });
  });

  api.post('/ack', async (c) => {
    const body = await readJson(c, AckSchema);
    if (!body.ok) return jsonError(c, body.code, body.error);
    return c.json(await store.acknowledge(c.get('editor').keyIdHex, body.value.ids));
  });

  api.post('/status', async (c) => {
    const body = await readJson(c, StatusSchema);
    if (!body.ok) return jsonError(c, body.code, body.error);
    const result = await store.setStatus(body.value.id, body.value.status);
    if (result === 'unknown') return jsonError(c, 'unknown_submission');
    if (result === 'withdrawn') return jsonError(c, 'withdrawn');
    return c.json({ ok: true });
  });

  return api;
}
