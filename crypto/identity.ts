// An editor identity (SECURITY.md §3): an X25519 key pair to receive envelopes and an
// Ed25519 key pair to sign requests to the server.

import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { wipe } from './bytes.ts';
import { formatPublicKeyLine } from './public-key.ts';

export interface Identity {
  x25519: { publicKey: Uint8Array; secretKey: Uint8Array };
  /** `secretKey` is the 32-byte Ed25519 seed (RFC 8032 §5.1.5), as noble takes it. */
  ed25519: { publicKey: Uint8Array; secretKey: Uint8Array };
}

export function generateIdentity(): Identity {
  const x = x25519.keygen();
  const e = ed25519.keygen();
  return {
    x25519: { publicKey: x.publicKey, secretKey: x.secretKey },
    ed25519: { publicKey: e.publicKey, secretKey: e.secretKey },
  };
}

/** Rebuilds an identity from its two 32-byte secrets (public halves are recomputed). */
export function identityFromSecrets(x25519SecretKey: Uint8Array, ed25519Seed: Uint8Array): Identity {
  return {
    x25519: { publicKey: x25519.getPublicKey(x25519SecretKey), secretKey: x25519SecretKey },
    ed25519: { publicKey: ed25519.getPublicKey(ed25519Seed), secretKey: ed25519Seed },
  };
}

export function publicKeyLineOf(identity: Identity, label = ''): string {
  return formatPublicKeyLine({ x25519: identity.x25519.publicKey, ed25519: identity.ed25519.publicKey }, label);
}

export function wipeIdentity(identity: Identity): void {
  wipe(identity.x25519.secretKey, identity.ed25519.secretKey);
}
