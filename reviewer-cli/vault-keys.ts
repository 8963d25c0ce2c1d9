// The keys that protect the vault (SECURITY.md §6 "The authenticated vault"). They are derived
// from a secret the vault never stores, with libsodium's crypto_kdf (BLAKE2b keyed by the master
// secret, the subkey id as salt and an 8-byte context as personalisation), one context per kind of
// vault and one subkey id per purpose, so no key ever serves two purposes:
//
//   full vault (the offline laptop): master = the editor's X25519 secret key, context "sottovlt"
//     1: record and manifest MACs   2: review-state AEAD   3: backup encryption
//   relay vault (an online computer with only the pull-only key): master = the Ed25519 seed,
//     context "sottorly"   1: record and manifest MACs
//
// Whoever can write the vault file but has no secret key can therefore neither seal a review
// state nor make a record or manifest the vault accepts. A pull-only key yields only relay keys:
// it can never forge a decision in a full vault.

import { wipe } from '../crypto/bytes.ts';
import type { Identity } from '../crypto/identity.ts';
import type { Sodium } from '../crypto/sodium.ts';

export type VaultKind = 'full' | 'relay';

export interface VaultKeys {
  kind: VaultKind;
  /** Keyed BLAKE2b-256 for record tags and the manifest (RFC 7693 §3.3: a MAC when keyed). */
  mac: Uint8Array;
  /** XChaCha20-Poly1305 key for review states: full vaults only. */
  state?: Uint8Array;
  /** XChaCha20-Poly1305 secretstream key for backups: full vaults only. */
  backup?: Uint8Array;
}

export const KDF_CONTEXTS = { full: 'sottovlt', relay: 'sottorly' } as const;
export const SUBKEY_IDS = { mac: 1, state: 2, backup: 3 } as const;
const KEY_BYTES = 32;

export function fullVaultKeys(sodium: Sodium, identity: Identity): VaultKeys {
  const master = identity.x25519.secretKey;
  const derive = (id: number) => sodium.crypto_kdf_derive_from_key(KEY_BYTES, id, KDF_CONTEXTS.full, master);
  return { kind: 'full', mac: derive(SUBKEY_IDS.mac), state: derive(SUBKEY_IDS.state), backup: derive(SUBKEY_IDS.backup) };
}

export function relayVaultKeys(sodium: Sodium, ed25519Seed: Uint8Array): VaultKeys {
  return { kind: 'relay', mac: sodium.crypto_kdf_derive_from_key(KEY_BYTES, SUBKEY_IDS.mac, KDF_CONTEXTS.relay, ed25519Seed) };
}

export function wipeVaultKeys(keys: VaultKeys): void {
  wipe(keys.mac, keys.state, keys.backup);
}
