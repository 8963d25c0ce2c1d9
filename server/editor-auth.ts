// Signed editor requests (docs/API.md "Editor requests"; scheme in crypto/request-signature.ts).
// The signature covers method, path and query as sent, timestamp, nonce, body digest and key id.
// Here: the ±300 s window and the nonce replay cache. The cache keeps each (key, nonce) until
// the timestamp leaves the window, after which the request would be refused as expired anyway.
// Only a verified request reaches the cache, so forged headers cannot fill it. The cache is a
// SpentTokens registry (server/store.ts): requests signed before it started remembering are
// refused as expired, since their nonce may have been used already (the CLI simply signs again).

import type { MiddlewareHandler } from 'hono';
import { ID_PATTERN } from '../crypto/contract.ts';
import { verifyRequestSignature } from '../crypto/request-signature.ts';
import type { EditorPublicKey } from '../crypto/public-key.ts';
import type { Editors } from './editors.ts';
import { jsonError } from './errors.ts';
import type { SpentTokens } from './store.ts';

export const SIGNATURE_WINDOW_S = 300;
/** Bounds the in-memory nonce cache. */
export const MAX_REMEMBERED_NONCES = 100_000;

export type EditorVariables = { editor: EditorPublicKey };

export function editorAuth(editors: Editors, nonces: SpentTokens, nowMs: () => number): MiddlewareHandler<{ Variables: EditorVariables }> {
  return async function editorAuth(c, next) {
    const keyId = c.req.header('sotto-key-id');
    const timestamp = c.req.header('sotto-timestamp');
    const nonce = c.req.header('sotto-nonce');
    const signature = c.req.header('sotto-signature');
    if (!keyId || !timestamp || !nonce || !signature) return jsonError(c, 'signature_required');
    const editor = editors.byKeyId.get(keyId);
    if (!editor) return jsonError(c, 'unknown_editor');
    if (!ID_PATTERN.test(nonce) || !/^[0-9]{1,12}$/.test(timestamp)) return jsonError(c, 'bad_signature');
    const nowS = Math.floor(nowMs() / 1000);
    const signedAt = Number(timestamp);
    if (Math.abs(nowS - signedAt) > SIGNATURE_WINDOW_S || signedAt < nonces.rememberedSinceS) return jsonError(c, 'request_expired');

    const url = new URL(c.req.url);
    const body = new Uint8Array(await c.req.arrayBuffer());
    const valid = verifyRequestSignature({
      method: c.req.method,
      pathAndQuery: url.pathname + url.search,
      body,
      keyIdHex: editor.keyIdHex,
      timestamp,
      nonce,
      signature,
      ed25519PublicKey: editor.ed25519,
    });
    if (!valid) return jsonError(c, 'bad_signature');
    const recorded = await nonces.claim(`${editor.keyIdHex}:${nonce}`, signedAt + SIGNATURE_WINDOW_S, nowS);
    if (recorded === 'spent') return jsonError(c, 'request_replayed');
    if (recorded === 'full') return jsonError(c, 'busy');
    c.set('editor', editor);
    return next();
  };
}
