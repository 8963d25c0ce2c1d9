// Envelope v1 with libsodium: the reviewer CLI's opener (and a sealer for cross-tests). A second,
// independent implementation of crypto/envelope-format.ts; the two are held together by
// test/vectors/envelope-v1.json and the cross-tests in crypto/envelope.test.ts.

import { abytes, concatBytes, wipe } from './bytes.ts';
import { EnvelopeError } from './errors.ts';
import { MAGIC, MAX_RECIPIENTS, MIN_RECIPIENTS, parseEnvelope, wrappedKeyFor } from './envelope-format.ts';
import { keyIdOf } from './key-id.ts';
import { pad, unpad } from './pad.ts';
import type { Sodium } from './sodium.ts';

export interface X25519KeyPair {
  x25519PublicKey: Uint8Array;
  x25519SecretKey: Uint8Array;
}

/** Opens an envelope addressed to this key pair and returns the payload bytes. Every failure —
 * not a recipient, tampered bytes, bad padding, malformed structure — throws the one
 * EnvelopeError ("could not open envelope"). */
export function openEnvelope(sodium: Sodium, envelope: Uint8Array, recipient: X25519KeyPair): Uint8Array {
  let contentKey: Uint8Array | undefined;
  let padded: Uint8Array | undefined;
  try {
    const parsed = parseEnvelope(envelope);
    const wrapped = wrappedKeyFor(parsed, recipient.x25519PublicKey);
    if (!wrapped) throw new EnvelopeError();
    contentKey = sodium.crypto_box_seal_open(wrapped, recipient.x25519PublicKey, recipient.x25519SecretKey);
    if (contentKey.length !== sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES) throw new EnvelopeError();
    padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, parsed.body, parsed.aad, parsed.nonce, contentKey);
    return unpad(padded).slice();
  } catch {
    throw new EnvelopeError();
  } finally {
    wipe(contentKey, padded);
  }
}

/** The same format built with libsodium, for cross-tests and vectors. */
export function sealEnvelopeSodium(sodium: Sodium, payload: Uint8Array, recipientX25519PublicKeys: readonly Uint8Array[]): Uint8Array {
  abytes(payload, 'payload');
  const n = recipientX25519PublicKeys.length;
  if (n < MIN_RECIPIENTS || n > MAX_RECIPIENTS) throw new RangeError(`"recipients" expected 1..${MAX_RECIPIENTS} keys`);
  const padded = pad(payload);
  const contentKey = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  try {
    const parts: Uint8Array[] = [MAGIC, Uint8Array.of(n)];
    for (const pk of recipientX25519PublicKeys) parts.push(keyIdOf(pk), sodium.crypto_box_seal(contentKey, pk));
    parts.push(nonce);
    const aad = concatBytes(...parts);
    return concatBytes(aad, sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(padded, aad, null, nonce, contentKey));
  } finally {
    wipe(contentKey, padded);
  }
}
