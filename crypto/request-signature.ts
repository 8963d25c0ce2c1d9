// Signed editor requests (docs/API.md "Editor requests", SECURITY.md §6). Modelled on RFC 9421
// (HTTP Message Signatures) but fixed and minimal: one covered-component list, one algorithm.
//
//   message = "sotto-request-v1" \n METHOD \n path?query \n timestamp \n nonce \n hex(SHA-256(body)) \n keyId
//
// Ed25519 (RFC 8032) over the UTF-8 message. The time window and the nonce replay cache are the
// server's job; this module only builds and checks signatures.

import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { abytes, b64uDecode, b64uEncode, hexEncode, utf8Encode } from './bytes.ts';

export const SIGNATURE_HEADERS = ['sotto-key-id', 'sotto-timestamp', 'sotto-nonce', 'sotto-signature'] as const;
export type SignatureHeaders = Record<(typeof SIGNATURE_HEADERS)[number], string>;

interface CoveredRequest {
  method: string;
  /** Path and query exactly as sent, e.g. "/api/v1/inbox?limit=50". */
  pathAndQuery: string;
  body: Uint8Array;
  keyIdHex: string;
}

function signingMessage(request: CoveredRequest, timestamp: string, nonce: string): Uint8Array {
  return utf8Encode(
    [
      'sotto-request-v1',
      request.method.toUpperCase(),
      request.pathAndQuery,
      timestamp,
      nonce,
      hexEncode(sha256(abytes(request.body, 'body'))),
      request.keyIdHex,
    ].join('\n'),
  );
}

/** Headers for one request. The nonce is made here; `now` (Unix seconds) is for tests. */
export function signRequest(request: CoveredRequest & { ed25519SecretKey: Uint8Array; now?: number }): SignatureHeaders {
  const timestamp = String(Math.floor(request.now ?? Date.now() / 1000));
  const nonce = b64uEncode(randomBytes(16));
  const signature = ed25519.sign(signingMessage(request, timestamp, nonce), abytes(request.ed25519SecretKey, 'ed25519SecretKey', 32));
  return {
    'sotto-key-id': request.keyIdHex,
    'sotto-timestamp': timestamp,
    'sotto-nonce': nonce,
    'sotto-signature': b64uEncode(signature),
  };
}

/** True only for a valid signature by `ed25519PublicKey` over exactly this request. Never throws
 * on malformed input (it is attacker-controlled): answers false. */
export function verifyRequestSignature(
  request: CoveredRequest & { timestamp: string; nonce: string; signature: string; ed25519PublicKey: Uint8Array },
): boolean {
  try {
    const signature = b64uDecode(request.signature);
    if (signature.length !== 64) return false;
    return ed25519.verify(signature, signingMessage(request, request.timestamp, request.nonce), request.ed25519PublicKey);
  } catch {
    return false;
  }
}
