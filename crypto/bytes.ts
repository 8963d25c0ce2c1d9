// Byte helpers shared by every layer. Pure, no I/O, same behaviour in browsers and Node.
// Decoders are strict: they reject anything that is not the canonical encoding, so one value
// has exactly one text form (useful for ids, tokens and signatures compared as strings).

const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64U_LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < B64U.length; i++) B64U_LOOKUP[B64U.charCodeAt(i)] = i;

/** Throws TypeError unless `value` is a Uint8Array (of `length` bytes when given: RangeError). */
export function abytes(value: unknown, name: string, length?: number): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`"${name}" expected Uint8Array`);
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`"${name}" expected ${length} bytes, got ${value.length}`);
  }
  return value;
}

/** Base64url without padding (RFC 4648 §5). */
export function b64uEncode(bytes: Uint8Array): string {
  abytes(bytes, 'bytes');
  const parts: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk += B64U[n >>> 18]! + B64U[(n >>> 12) & 63]! + B64U[(n >>> 6) & 63]! + B64U[n & 63]!;
    if (chunk.length >= 8192) { parts.push(chunk); chunk = ''; }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    chunk += B64U[n >>> 18]! + B64U[(n >>> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    chunk += B64U[n >>> 18]! + B64U[(n >>> 12) & 63]! + B64U[(n >>> 6) & 63]!;
  }
  parts.push(chunk);
  return parts.join('');
}

/** Strict base64url decoding: no padding, no whitespace, canonical trailing bits. Throws RangeError. */
export function b64uDecode(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('"text" expected string');
  if (text.length % 4 === 1) throw new RangeError('invalid base64url length');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64U_LOOKUP[c]! : -1;
    if (v < 0) throw new RangeError('invalid base64url character');
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new RangeError('non-canonical base64url');
  return out;
}

export function hexEncode(bytes: Uint8Array): string {
  abytes(bytes, 'bytes');
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Lower- or upper-case hex, even length. Throws RangeError. */
export function hexDecode(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw new TypeError('"hex" expected string');
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new RangeError('invalid hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Throws TypeError on invalid UTF-8 (never substitutes U+FFFD). */
export function utf8Decode(bytes: Uint8Array): string {
  return strictDecoder.decode(bytes);
}

export function concatBytes(...arrays: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const a of arrays) length += abytes(a, 'array').length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/** Constant-time for equal lengths (the lengths of what we compare are public). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  abytes(a, 'a');
  abytes(b, 'b');
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Overwrites secrets we are done with. JavaScript gives no guarantee about copies the engine
 * made, but this removes the copies we own. */
export function wipe(...arrays: (Uint8Array | undefined)[]): void {
  for (const a of arrays) a?.fill(0);
}
