// Envelope v1 with noble (pure JavaScript): what the submit page runs, even in Tor Browser with
// WebAssembly off. Format: crypto/envelope-format.ts. The opener exists for cross-tests; the
// reviewer CLI opens with libsodium (crypto/envelope-sodium.ts).

import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { abytes, concatBytes, hexEncode, wipe } from './bytes.ts';
import { EnvelopeError } from './errors.ts';
import { MAGIC, MAX_RECIPIENTS, MIN_RECIPIENTS, NONCE_BYTES, parseEnvelope, wrappedKeyFor } from './envelope-format.ts';
import { keyIdOf } from './key-id.ts';
import { pad, unpad } from './pad.ts';
import { sealedBoxOpen, sealedBoxSeal } from './_sealed-box-noble.ts';

const CONTENT_KEY_BYTES = 32;

/**
 * Encrypts `payload` (at most 1 MiB) to every recipient. Content key and nonce are made here,
 * fresh for each call, and wiped after use. Throws RangeError for 0 or more than 16 recipients,
 * a wrong key length, duplicate recipients or an oversized payload; throws if a recipient key is
 * a low-order point.
 */
export function sealEnvelope(payload: Uint8Array, recipientX25519PublicKeys: readonly Uint8Array[]): Uint8Array {
  abytes(payload, 'payload');
  const n = recipientX25519PublicKeys.length;
  if (n < MIN_RECIPIENTS || n > MAX_RECIPIENTS) throw new RangeError(`"recipients" expected 1..${MAX_RECIPIENTS} keys`);
  const keyIds = recipientX25519PublicKeys.map((pk, i) => keyIdOf(abytes(pk, `recipients[${i}]`, 32)));
  if (new Set(keyIds.map(hexEncode)).size !== n) throw new RangeError('duplicate recipient');

  const padded = pad(payload);
  const contentKey = randomBytes(CONTENT_KEY_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  try {
    const parts: Uint8Array[] = [MAGIC, Uint8Array.of(n)];
    recipientX25519PublicKeys.forEach((pk, i) => parts.push(keyIds[i]!, sealedBoxSeal(contentKey, pk)));
    parts.push(nonce);
    const aad = concatBytes(...parts);
    return concatBytes(aad, xchacha20poly1305(contentKey, nonce, aad).encrypt(padded));
  } finally {
    wipe(contentKey, padded);
  }
}

/** Opens an envelope addressed to this X25519 key pair and returns the payload. Every failure
 * throws the one EnvelopeError. For tests: the product opens with libsodium. */
export function openEnvelopeNoble(
  envelope: Uint8Array,
  recipient: { x25519PublicKey: Uint8Array; x25519SecretKey: Uint8Array },
): Uint8Array {
  let contentKey: Uint8Array | undefined;
  let padded: Uint8Array | undefined;
  try {
    const parsed = parseEnvelope(envelope);
    const wrapped = wrappedKeyFor(parsed, recipient.x25519PublicKey);
    if (!wrapped) throw new EnvelopeError();
    contentKey = sealedBoxOpen(wrapped, recipient.x25519PublicKey, recipient.x25519SecretKey);
    if (contentKey.length !== CONTENT_KEY_BYTES) throw new EnvelopeError();
    padded = xchacha20poly1305(contentKey, parsed.nonce, parsed.aad).decrypt(parsed.body);
    return unpad(padded).slice();
  } catch {
    throw new EnvelopeError();
  } finally {
    wipe(contentKey, padded);
  }
}
