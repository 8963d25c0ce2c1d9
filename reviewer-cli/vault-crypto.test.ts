// The vault's and the signed files' primitives, cross-checked against a second implementation
// (noble) and held to committed values, so a change of derivation cannot pass unnoticed.
import { blake2b } from '@noble/hashes/blake2.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { b64uDecode, hexEncode, utf8Encode } from '../crypto/bytes.ts';
import { identityFromSecrets } from '../crypto/identity.ts';
import { signingKeyOf } from '../crypto/key-file.ts';
import { loadSodium } from '../crypto/sodium.ts';
import { SignedFileWriter } from './signed-file.ts';
import { KDF_CONTEXTS, SUBKEY_IDS, fullVaultKeys, relayVaultKeys } from './vault-keys.ts';
import { contentHash, manifestMac, recordTag } from './vault-mac.ts';

const sodium = await loadSodium();
const identity = identityFromSecrets(new Uint8Array(32).fill(7), new Uint8Array(32).fill(9));

/** crypto_kdf_derive_from_key as libsodium defines it: BLAKE2b-256(key = master, empty message,
 * salt = u64le(subkey id) ‖ 0⁸, personal = context ‖ 0⁸). */
function nobleKdf(master: Uint8Array, id: number, context: string): Uint8Array {
  const salt = new Uint8Array(16);
  new DataView(salt.buffer).setBigUint64(0, BigInt(id), true);
  const personalization = new Uint8Array(16);
  personalization.set(utf8Encode(context));
  return blake2b(new Uint8Array(), { key: master, salt, personalization, dkLen: 32 });
}

describe('vault keys', () => {
  it('match an independent BLAKE2b derivation, differ by purpose and kind, and are pinned', () => {
    const full = fullVaultKeys(sodium, identity);
    const relay = relayVaultKeys(sodium, identity.ed25519.secretKey);
    expect(full.mac).toEqual(nobleKdf(identity.x25519.secretKey, SUBKEY_IDS.mac, KDF_CONTEXTS.full));
    expect(full.state).toEqual(nobleKdf(identity.x25519.secretKey, SUBKEY_IDS.state, KDF_CONTEXTS.full));
    expect(full.backup).toEqual(nobleKdf(identity.x25519.secretKey, SUBKEY_IDS.backup, KDF_CONTEXTS.full));
    expect(relay.mac).toEqual(nobleKdf(identity.ed25519.secretKey, SUBKEY_IDS.mac, KDF_CONTEXTS.relay));
    const all = [full.mac, full.state!, full.backup!, relay.mac].map(hexEncode);
    expect(new Set(all).size).toBe(4);
    // Committed: changing the derivation would make every existing vault unreadable.
    expect(hexEncode(full.mac)).toMatchInlineSnapshot(`"d8c38aadc6b9e851008559ab087bf27d5aff79c6a4570654db76a3d6b3d340d1"`);
  });

  it('record tags and the manifest change with every field', () => {
    const key = fullVaultKeys(sodium, identity).mac;
    const base = { id: 'a'.repeat(22), day: '2026-11-20', envelopeHash: contentHash(sodium, utf8Encode('e')), withdrawn: false, dismissed: false, version: 1, state: utf8Encode('s'), conflict: null };
    const variants = [
      base, { ...base, id: 'b'.repeat(22) }, { ...base, day: '2026-11-21' }, { ...base, envelopeHash: contentHash(sodium, utf8Encode('f')) },
      { ...base, withdrawn: true }, { ...base, dismissed: true }, { ...base, version: 2 }, { ...base, state: null }, { ...base, state: utf8Encode('t') },
      { ...base, conflict: utf8Encode('c') },
    ];
    expect(new Set(variants.map((v) => hexEncode(recordTag(sodium, key, v)))).size).toBe(variants.length);
    const tag = recordTag(sodium, key, base);
    const manifest = (m: Partial<Parameters<typeof manifestMac>[2]>) => hexEncode(manifestMac(sodium, key, { kind: 'full', owner: 'o', counter: 1, editors: '', tags: [tag], ...m }));
    const manifests = [manifest({}), manifest({ counter: 2 }), manifest({ kind: 'relay' }), manifest({ owner: 'p' }), manifest({ editors: 'x' }), manifest({ tags: [] }), manifest({ tags: [tag, tag] })];
    expect(new Set(manifests).size).toBe(manifests.length);
  });
});

describe('signed files', () => {
  it('carry an Ed25519 signature libsodium verifies over the domain-separated message', () => {
    let text = '';
    const file = new SignedFileWriter((chunk) => (text += chunk), 'sotto-test', 1, signingKeyOf(identity));
    file.line({ hello: 'world' });
    file.finish();
    const lines = text.trimEnd().split('\n');
    const signature = b64uDecode(JSON.parse(lines.at(-1)!).signature);
    const digest = sodium.crypto_hash_sha512(utf8Encode(`${lines.slice(0, -1).join('\n')}\n`));
    const message = new Uint8Array([...utf8Encode('sotto-signed-file-v1\nsotto-test\n'), ...digest]);
    expect(sodium.crypto_sign_verify_detached(signature, message, identity.ed25519.publicKey)).toBe(true);
    expect(ed25519.verify(signature, message, identity.ed25519.publicKey)).toBe(true);
    message[message.length - 1]! ^= 1;
    expect(sodium.crypto_sign_verify_detached(signature, message, identity.ed25519.publicKey)).toBe(false);
  });
});
