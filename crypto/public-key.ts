// Editors' public keys (SECURITY.md §3).
//
//   sotto-pk1:<base64url, no padding, of 64 bytes: X25519 public key ‖ Ed25519 public key>[ <label>]
//
// A key list is one such line per editor; blank lines and lines starting with # are ignored.
// Fingerprints are what people compare over another channel (read aloud, on a call):
//   digest = BLAKE2b-256(personal "sotto-fp-v1" as key, input)
//   six groups of five decimal digits: each group is a 40-bit big-endian slice of the digest
//   (bytes 5i..5i+4) modulo 100000. About 100 bits survive; digits read alike in every language.
// A single key's input is its 64 raw bytes; a key set's input is the concatenation of its keys'
// 64 raw bytes sorted bytewise, so the order of lines in the file does not matter.

import { blake2b } from '@noble/hashes/blake2.js';
import { abytes, b64uDecode, b64uEncode, concatBytes, hexEncode, utf8Encode } from './bytes.ts';
import { MAX_EDITORS } from './contract.ts';
import { FormatError } from './errors.ts';
import { keyIdOf } from './key-id.ts';

export const PUBLIC_KEY_PREFIX = 'sotto-pk1:';
const RAW_BYTES = 64;
const LABEL_MAX = 64;
const FINGERPRINT_KEY = utf8Encode('sotto-fp-v1');

export interface EditorPublicKey {
  x25519: Uint8Array;
  ed25519: Uint8Array;
  /** Free text after the key, possibly empty (never used for anything but display). */
  label: string;
  keyId: Uint8Array;
  keyIdHex: string;
  /** The canonical line, label included. */
  line: string;
}

function rawOf(key: { x25519: Uint8Array; ed25519: Uint8Array }): Uint8Array {
  return concatBytes(abytes(key.x25519, 'x25519', 32), abytes(key.ed25519, 'ed25519', 32));
}

function checkLabel(label: string): string {
  // A label is a display name: printable, one line, short. Control characters could hide text
  // in a terminal, so they are refused rather than stripped.
  // eslint-disable-next-line no-control-regex
  if (label.length > LABEL_MAX || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(label)) {
    throw new FormatError(`key label must be at most ${LABEL_MAX} printable characters on one line`);
  }
  return label;
}

export function formatPublicKeyLine(key: { x25519: Uint8Array; ed25519: Uint8Array }, label = ''): string {
  const text = PUBLIC_KEY_PREFIX + b64uEncode(rawOf(key));
  const clean = checkLabel(label.trim());
  return clean ? `${text} ${clean}` : text;
}

/** Parses one `sotto-pk1:` line. Throws FormatError with a message saying what is wrong. */
export function parsePublicKeyLine(line: string): EditorPublicKey {
  if (typeof line !== 'string') throw new TypeError('"line" expected string');
  const trimmed = line.trim();
  if (!trimmed.startsWith(PUBLIC_KEY_PREFIX)) {
    throw new FormatError(`not a Sotto public key (expected a line starting with "${PUBLIC_KEY_PREFIX}")`);
  }
  const space = trimmed.search(/\s/);
  const encoded = trimmed.slice(PUBLIC_KEY_PREFIX.length, space < 0 ? undefined : space);
  const label = checkLabel(space < 0 ? '' : trimmed.slice(space).trim());
  let raw: Uint8Array;
  try {
    raw = b64uDecode(encoded);
  } catch {
    throw new FormatError('public key is not valid base64url');
  }
  if (raw.length !== RAW_BYTES) throw new FormatError(`public key must be ${RAW_BYTES} bytes, got ${raw.length}`);
  const x25519 = raw.slice(0, 32);
  const ed25519 = raw.slice(32);
  if (x25519.every((b) => b === 0) || ed25519.every((b) => b === 0)) throw new FormatError('public key is all zeros');
  const keyId = keyIdOf(x25519);
  return { x25519, ed25519, label, keyId, keyIdHex: hexEncode(keyId), line: formatPublicKeyLine({ x25519, ed25519 }, label) };
}

/** Parses an editors' key list. Throws FormatError naming the line number of the first fault,
 * for an empty list, more than MAX_EDITORS keys, or the same key twice. */
export function parseKeyList(text: string): EditorPublicKey[] {
  const keys: EditorPublicKey[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    let key: EditorPublicKey;
    try {
      key = parsePublicKeyLine(trimmed);
    } catch (error) {
      throw new FormatError(`line ${index + 1}: ${(error as Error).message}`);
    }
    if (seen.has(key.keyIdHex)) throw new FormatError(`line ${index + 1}: the same key appears twice`);
    seen.add(key.keyIdHex);
    keys.push(key);
  });
  if (keys.length === 0) throw new FormatError('the key list holds no sotto-pk1: line');
  if (keys.length > MAX_EDITORS) throw new FormatError(`at most ${MAX_EDITORS} editors are supported`);
  return keys;
}

function digits(input: Uint8Array): string {
  const digest = blake2b(input, { key: FINGERPRINT_KEY, dkLen: 32 });
  const groups: string[] = [];
  for (let g = 0; g < 6; g++) {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 256 + digest[g * 5 + i]!;
    groups.push(String(value % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

/** "12345 67890 12345 67890 12345 67890" for one editor's key. */
export function fingerprint(key: { x25519: Uint8Array; ed25519: Uint8Array }): string {
  return digits(rawOf(key));
}

/** The fingerprint of a whole key set, independent of order: what the submit page shows. */
export function keySetFingerprint(keys: readonly { x25519: Uint8Array; ed25519: Uint8Array }[]): string {
  const raws = keys.map(rawOf).sort((a, b) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return 0;
  });
  return digits(concatBytes(...raws));
}
