// The MACs of the authenticated vault (SECURITY.md §6 "The authenticated vault"): one tag per
// story record, and one manifest over every tag, the record count, a write counter and the
// vault's settings. Keyed BLAKE2b-256 (libsodium crypto_generichash with a key, a MAC by design:
// RFC 7693 §3.3). Every field is length-prefixed so no two different records encode alike.

import { utf8Encode } from '../crypto/bytes.ts';
import type { Sodium } from '../crypto/sodium.ts';

const MAC_BYTES = 32;
const RECORD_LABEL = 'sotto-vault-record-v2';
const MANIFEST_LABEL = 'sotto-vault-manifest-v2';

export interface RecordFields {
  id: string;
  day: string;
  envelopeHash: Uint8Array;
  withdrawn: boolean;
  /** Set aside by the editor (`dismiss`): never listed as unreadable again, never exported. */
  dismissed: boolean;
  /** Bumped by every saved review state; 0 before the editor did anything with the story. */
  version: number;
  /** The sealed review state, or null before the editor did anything with the story. */
  state: Uint8Array | null;
  /** A second, different envelope received under this id (both copies are quarantined), or null. */
  conflict: Uint8Array | null;
}

export interface ManifestFields {
  kind: string;
  owner: string;
  counter: number;
  /** The accepted editor set as stored (JSON text), '' before any was accepted. */
  editors: string;
  /** Every record's tag, in id order. */
  tags: Iterable<Uint8Array>;
}

class Mac {
  private readonly state: unknown;
  constructor(private readonly sodium: Sodium, key: Uint8Array, label: string) {
    this.state = sodium.crypto_generichash_init(key, MAC_BYTES);
    this.field(utf8Encode(label));
  }

  field(value: Uint8Array | string | number): this {
    const bytes = typeof value === 'string' ? utf8Encode(value) : typeof value === 'number' ? utf8Encode(String(value)) : value;
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length, false);
    this.sodium.crypto_generichash_update(this.state as never, length);
    this.sodium.crypto_generichash_update(this.state as never, bytes);
    return this;
  }

  finish(): Uint8Array {
    return this.sodium.crypto_generichash_final(this.state as never, MAC_BYTES);
  }
}

/** Unkeyed BLAKE2b-256: how envelopes, states and conflicting copies are named inside a tag. */
export function contentHash(sodium: Sodium, bytes: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(MAC_BYTES, bytes, null);
}

export function recordTag(sodium: Sodium, key: Uint8Array, r: RecordFields): Uint8Array {
  return new Mac(sodium, key, RECORD_LABEL)
    .field(r.id)
    .field(r.day)
    .field(r.envelopeHash)
    .field(r.withdrawn ? 1 : 0)
    .field(r.dismissed ? 1 : 0)
    .field(r.version)
    .field(r.state ? contentHash(sodium, r.state) : new Uint8Array())
    .field(r.conflict ? contentHash(sodium, r.conflict) : new Uint8Array())
    .finish();
}

export function manifestMac(sodium: Sodium, key: Uint8Array, m: ManifestFields): Uint8Array {
  const mac = new Mac(sodium, key, MANIFEST_LABEL).field(m.kind).field(m.owner).field(m.counter).field(m.editors);
  let count = 0;
  for (const tag of m.tags) {
    mac.field(tag);
    count++;
  }
  return mac.field(count).finish();
}

/** Constant-time comparison (libsodium sodium_memcmp) of two MACs. */
export function sameMac(sodium: Sodium, a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && sodium.memcmp(a, b);
}
