// Reading a JSON body against a zod schema: malformed JSON, a wrong Content-Type and a wrong
// shape all become one short 400. Schemas are strict, so unknown keys are refused too.

import type { Context } from 'hono';
import * as z from 'zod';
import { b64uDecode } from '../crypto/bytes.ts';
import { b64uPattern, type ApiErrorCode } from '../crypto/contract.ts';

export type BodyResult<T> = { ok: true; value: T } | { ok: false; code: ApiErrorCode; error?: string };

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<BodyResult<z.infer<S>>> {
  if (!/^application\/json(;|$)/i.test(c.req.header('content-type') ?? '')) {
    return { ok: false, code: 'wrong_content_type' };
  }
  let value: unknown;
  try {
    value = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, code: 'malformed_json' };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
    return { ok: false, code: 'invalid_field', error: `invalid ${where}` };
  }
  return { ok: true, value: parsed.data };
}

/** A base64url string of exactly `bytes` bytes (strict, canonical), parsed to its bytes. */
export function b64uBytes(bytes: number) {
  return z
    .string()
    .regex(b64uPattern(bytes))
    .transform((text, ctx) => {
      try {
        return b64uDecode(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not canonical base64url' });
        return z.NEVER;
      }
    });
}
