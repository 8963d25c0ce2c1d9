// The MACs of the authenticated vault (SECURITY.md §6 "The authenticated vault"): one tag per
// story record, and one manifest over every tag, the record count, a write counter and the
// vault's settings. Keyed BLAKE2b-256 (libsodium crypto_generichash with a key, a MAC by design:
// RFC 7693 §3.3). Every field is length-prefixed so no two different records encode alike.

import { utf8Encode } from '../crypto/bytes.ts';
import type { Sodium } from '../crypto/sodium.ts';

const MAC_BYTES = 32;
const RECORD_LABEL = 'sotto-vault-record-v2';
const MANIFEST_LABEL = 'sotto-vault-manifest-v2';
/** Vaults of schema 3 on: the manifest also covers the team log and the team's settings. */
const MANIFEST_LABEL_V3 = 'sotto-vault-manifest-v3';
const TEAM_RECORD_LABEL = 'sotto-vault-team-record-v1';

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
  /** Schema 3 on: the team settings and every team record's tag, in local order. */
  team?: { approvals: string; cursor: string; tags: Iterable<Uint8Array> };
}

/** A record of the team log as the vault keeps it (team-log.ts). */
export interface TeamRowFields {
  /** Unkeyed hash of `record`: how the same record is recognised when the server sends it back. */
  hash: Uint8Array;
  /** Its position in the server's log; null until it was sent. */
  serverSeq: number | null;
  story: string;
  author: string;
  n: number;
}

/** Length-prefixed fields (u32be length ‖ bytes), joined: the MAC's message. */
function encodeFields(fields: readonly (Uint8Array | string | number)[]): Uint8Array {
  const parts = fields.map((f) => (typeof f === 'string' ? utf8Encode(f) : typeof f === 'number' ? utf8Encode(String(f)) : f));
  const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length, false);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

/** Unkeyed BLAKE2b-256: how envelopes, states and conflicting copies are named inside a tag. */
export function contentHash(sodium: Sodium, bytes: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(MAC_BYTES, bytes, null);
}

export function recordTag(sodium: Sodium, key: Uint8Array, r: RecordFields): Uint8Array {
  const empty = new Uint8Array();
  return sodium.crypto_generichash(MAC_BYTES, encodeFields([
    RECORD_LABEL, r.id, r.day, r.envelopeHash, r.withdrawn ? 1 : 0, r.dismissed ? 1 : 0, r.version,
    r.state ? contentHash(sodium, r.state) : empty, r.conflict ? contentHash(sodium, r.conflict) : empty,
  ]), key);
}

export function teamRowTag(sodium: Sodium, key: Uint8Array, r: TeamRowFields): Uint8Array {
  return sodium.crypto_generichash(MAC_BYTES, encodeFields([TEAM_RECORD_LABEL, r.hash, r.serverSeq ?? -1, r.story, r.author, r.n]), key);
}

/** Tags are 32 bytes each, so the manifest's message is built whole: about 32 bytes per story. */
export function manifestMac(sodium: Sodium, key: Uint8Array, m: ManifestFields): Uint8Array {
  const tags = [...m.tags];
  const head = [m.team ? MANIFEST_LABEL_V3 : MANIFEST_LABEL, m.kind, m.owner, m.counter, m.editors, ...tags, tags.length];
  if (!m.team) return sodium.crypto_generichash(MAC_BYTES, encodeFields(head), key);
  const teamTags = [...m.team.tags];
  return sodium.crypto_generichash(MAC_BYTES, encodeFields([...head, m.team.approvals, m.team.cursor, ...teamTags, teamTags.length]), key);
}

/** Constant-time comparison (libsodium sodium_memcmp) of two MACs. */
export function sameMac(sodium: Sodium, a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && sodium.memcmp(a, b);
}
