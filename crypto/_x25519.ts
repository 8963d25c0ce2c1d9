// X25519 (RFC 7748) for the browser bundle, built from noble's Montgomery-ladder module alone.
// `x25519` from '@noble/curves/ed25519.js' is the same function, but importing it pulls the whole
// Edwards-curve implementation into the page (about 7 KB gzip) only to speed up key generation.
// Everything else is noble's: the ladder, clamping per RFC 7748 §5, and the refusal of low-order
// points (an all-zero shared secret throws). crypto/x25519.test.ts checks this instance against
// the RFC 7748 vectors and against noble's own x25519.

import { montgomery } from '@noble/curves/abstract/montgomery.js';
import { pow } from '@noble/curves/abstract/modular.js';

// p = 2^255 - 19 (RFC 7748 §4.1)
const P = BigInt('0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed');
const P_MINUS_2 = P - BigInt(2);

export const x25519 = montgomery({
  P,
  type: 'x25519',
  // The ladder's final inversion, z^(p-2) (Fermat). The exponent is public, so the
  // square-and-multiply sequence does not depend on secrets.
  powPminus2: (x: bigint) => pow(x, P_MINUS_2, P),
  // RFC 7748 §5 clamping.
  adjustScalarBytes: (bytes: Uint8Array) => {
    bytes[0]! &= 248;
    bytes[31]! &= 127;
    bytes[31]! |= 64;
    return bytes;
  },
});
