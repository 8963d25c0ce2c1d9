// The editors' X25519 public keys, written into the bundle at build time (submit-client/build.ts
// defines SOTTO_EDITOR_KEYS). They are never fetched: a key list served at run time would let
// whoever controls the server swap in their own key unnoticed.

import { b64uDecode } from '../crypto/bytes.ts';

declare const SOTTO_EDITOR_KEYS: readonly string[];

export function editorKeys(): Uint8Array[] {
  return SOTTO_EDITOR_KEYS.map(b64uDecode);
}
