// libsodium's crypto_box_seal / crypto_box_seal_open in pure JavaScript (noble), so the browser
// needs no WebAssembly. Spec: libsodium "Sealed boxes" —
//   seal(m, pk):  (epk, esk) fresh; nonce = BLAKE2b-24(epk ‖ pk);
//                 k = crypto_box_beforenm(pk, esk) = HSalsa20(X25519(esk, pk), 0^16);
//                 output epk ‖ XSalsa20-Poly1305(k, nonce, m)  (tag ‖ ciphertext, as secretbox)
// Internal module: use crypto/envelope-noble.ts.

import { x25519 } from './_x25519.ts';
import { blake2b } from '@noble/hashes/blake2.js';
import { hsalsa, xsalsa20poly1305 } from '@noble/ciphers/salsa.js';
import { concatBytes, wipe } from './bytes.ts';

// "expand 32-byte k" as little-endian words (the Salsa20 constant).
const SIGMA = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);
export const SEAL_OVERHEAD = 32 + 16;

function beforenm(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  // getSharedSecret rejects low-order points (an all-zero shared secret), as libsodium does.
  const shared = x25519.getSharedSecret(secretKey, publicKey);
  const key32 = new Uint32Array(8);
  for (let i = 0; i < 8; i++) key32[i] = new DataView(shared.buffer, shared.byteOffset).getUint32(i * 4, true);
  const out32 = new Uint32Array(8);
  hsalsa(SIGMA, key32, new Uint32Array(4), out32);
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) view.setUint32(i * 4, out32[i]!, true);
  wipe(shared, new Uint8Array(key32.buffer), new Uint8Array(out32.buffer));
  return out;
}

function sealNonce(ephemeralPublicKey: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  return blake2b(concatBytes(ephemeralPublicKey, recipientPublicKey), { dkLen: 24 });
}

/** crypto_box_seal. Throws if `recipientPublicKey` is a low-order point. */
export function sealedBoxSeal(message: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  const { secretKey: esk, publicKey: epk } = x25519.keygen();
  const key = beforenm(esk, recipientPublicKey);
  wipe(esk);
  const boxed = xsalsa20poly1305(key, sealNonce(epk, recipientPublicKey)).encrypt(message);
  wipe(key);
  return concatBytes(epk, boxed);
}

/** crypto_box_seal_open. Throws on any failure (callers map it to one generic error). */
export function sealedBoxOpen(sealed: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array): Uint8Array {
  if (sealed.length < SEAL_OVERHEAD) throw new Error('sealed box too short');
  const epk = sealed.subarray(0, 32);
  const key = beforenm(secretKey, epk);
  try {
    return xsalsa20poly1305(key, sealNonce(epk, publicKey)).decrypt(sealed.subarray(32));
  } finally {
    wipe(key);
  }
}
