// The configured editors: whom envelopes must be addressed to and whose signatures open the
// editor API. Built once at start from the key list (crypto/public-key.ts parses it).

import { keySetFingerprint, parseKeyList, type EditorPublicKey } from '../crypto/public-key.ts';

export interface Editors {
  keys: readonly EditorPublicKey[];
  /** Key id (hex) → key: the lookup for signed requests. */
  byKeyId: ReadonlyMap<string, EditorPublicKey>;
  keyIds: ReadonlySet<string>;
  /** The original list text, as the submit page embeds it. */
  keyListText: string;
  fingerprint: string;
}

/** Throws FormatError (with the line number) for a bad list. */
export function loadEditors(keyListText: string): Editors {
  const keys = parseKeyList(keyListText);
  const byKeyId = new Map(keys.map((key) => [key.keyIdHex, key]));
  return { keys, byKeyId, keyIds: new Set(byKeyId.keys()), keyListText, fingerprint: keySetFingerprint(keys) };
}
