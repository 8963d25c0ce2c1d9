import { describe, expect, it } from 'vitest';
import { b64uEncode, concatBytes } from '../crypto/bytes.ts';
import { generateIdentity } from '../crypto/identity.ts';
import { keySetFingerprint } from '../crypto/public-key.ts';

describe('the page\'s editor keys', () => {
  it('encrypts to the X25519 halves and shows the fingerprint of exactly the keys it holds', async () => {
    const team = [generateIdentity(), generateIdentity()];
    const operator = generateIdentity();
    const bundled = [...team, operator].map((i) => ({ x25519: i.x25519.publicKey, ed25519: i.ed25519.publicKey }));
    (globalThis as { SOTTO_EDITOR_KEYS?: string[] }).SOTTO_EDITOR_KEYS = bundled.map((k) => b64uEncode(concatBytes(k.x25519, k.ed25519)));
    const { editorKeys, showKeySetFingerprint } = await import('./editors.ts');
    const keys = editorKeys();
    expect(keys.map((k) => k.x25519)).toEqual(bundled.map((k) => k.x25519));
    const element = { textContent: 'what the HTML said' };
    showKeySetFingerprint({ querySelector: (s: string) => (s === '[data-fingerprint]' ? element : null) } as unknown as Document, keys);
    // A key the operator slipped in changes what the page shows: it is not the team's fingerprint.
    expect(element.textContent).toBe(keySetFingerprint(bundled));
    expect(element.textContent).not.toBe(keySetFingerprint(bundled.slice(0, 2)));
  });
});
