// The team log (docs/API.md "Team log", SECURITY.md §5 "The team log"): editors share who claimed
// a story, its anonymised text, their decisions and team notes through records the server can
// neither open nor attribute to a story. Each record is an envelope sealed to exactly the
// configured editors (checked like a submission's) and signed inside by its author; the server
// keeps its bytes, its position and the UTC day it arrived, and hands the log to any editor from a
// position on. Every route sits behind editorAuth (signed, fresh, never replayed).

import { Hono } from 'hono';
import * as z from 'zod';
import { b64uDecode, b64uEncode } from '../crypto/bytes.ts';
import { b64uLength } from '../crypto/contract.ts';
import { checkEnvelope, maxEnvelopeBytes } from '../crypto/envelope-format.ts';
import { utcDay } from '../node-lib/utc-day.ts';
import { editorAuth, type EditorVariables } from './editor-auth.ts';
import type { Editors } from './editors.ts';
import { jsonError } from './errors.ts';
import { readJson } from './json-body.ts';
import type { SpentTokens, SubmissionStore } from './store.ts';

export interface TeamApiDeps {
  editors: Editors;
  store: SubmissionStore;
  editorNonces: SpentTokens;
  nowMs: () => number;
}

/** A record holds at most one anonymised story, so it may be as large as a submission. */
export const MAX_TEAM_RECORD_BYTES = maxEnvelopeBytes();
export const MAX_TEAM_BODY_BYTES = b64uLength(MAX_TEAM_RECORD_BYTES) + 1024;
/** A page of records stays well under what a JSON response should hold in memory. */
const MAX_PAGE_BYTES = 8 * 1024 * 1024;

const LogQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
const AppendSchema = z.strictObject({ record: z.string().regex(/^[A-Za-z0-9_-]+$/).max(b64uLength(MAX_TEAM_RECORD_BYTES)) });

export function teamApi({ editors, store, editorNonces, nowMs }: TeamApiDeps): Hono<{ Variables: EditorVariables }> {
  const api = new Hono<{ Variables: EditorVariables }>();
  api.use(editorAuth(editors, editorNonces, nowMs));

  api.get('/', async (c) => {
    const query = LogQuerySchema.safeParse(c.req.query());
    if (!query.success) return jsonError(c, 'invalid_query');
    const records = await store.teamLog(query.data.after, query.data.limit, MAX_PAGE_BYTES);
    return c.json({ records: records.map((r) => ({ seq: r.seq, day: r.day, record: b64uEncode(r.record) })) });
  });

  api.post('/', async (c) => {
    const body = await readJson(c, AppendSchema);
    if (!body.ok) return jsonError(c, body.code, body.error);
    let record: Uint8Array;
    try {
      record = b64uDecode(body.value.record);
    } catch {
      return jsonError(c, 'invalid_envelope');
    }
    const check = checkEnvelope(record, { editorKeyIds: editors.keyIds, maxEnvelopeBytes: MAX_TEAM_RECORD_BYTES });
    if (!check.ok) return jsonError(c, 'invalid_envelope', `record is not valid: ${check.reason}`);
    const seq = await store.appendTeamRecord(record, utcDay(nowMs()));
    if (seq === 'full') return jsonError(c, 'storage_full');
    return c.json({ seq }, 201);
  });

  return api;
}
