// The editors' public keys (X25519 ‖ Ed25519, 64 bytes each), written into the bundle at build
// time (submit-client/build.ts defines SOTTO_EDITOR_KEYS). They are never fetched: a key list
// served at run time would let whoever controls the server swap in their own key unnoticed.
//
// The page encrypts to the X25519 halves of exactly these keys, and the key-set fingerprint it
// shows is computed here, at run time, from the same keys (SECURITY.md §3 "Fingerprint", §8): a
// script that encrypted to an extra key would show another fingerprint than the editors publish.

import { b64uDecode } from '../crypto/bytes.ts';
import { keySetFingerprint } from '../crypto/public-key.ts';

declare const SOTTO_EDITOR_KEYS: readonly string[];

export interface PageEditorKey {
  x25519: Uint8Array;
  ed25519: Uint8Array;
}

export function editorKeys(): PageEditorKey[] {
  return SOTTO_EDITOR_KEYS.map(b64uDecode).map((raw) => ({ x25519: raw.slice(0, 32), ed25519: raw.slice(32, 64) }));
}

/** Writes the fingerprint of `keys` into the page's fingerprint element. */
export function showKeySetFingerprint(doc: Document, keys: readonly PageEditorKey[]): void {
  const element = doc.querySelector('[data-fingerprint]');
  if (element) element.textContent = keySetFingerprint(keys);
}
