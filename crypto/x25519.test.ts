import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { x25519 as nobleX25519 } from '@noble/curves/ed25519.js';
import { hexDecode, hexEncode } from './bytes.ts';
import { x25519 } from './_x25519.ts';

describe('the page\'s X25519 instance', () => {
  it('matches the RFC 7748 §5.2 and §6.1 test vectors', () => {
    expect(hexEncode(x25519.scalarMult(
      hexDecode('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4'),
      hexDecode('e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c'),
    ))).toBe('c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552');
    const alice = hexDecode('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    const bob = hexDecode('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
    expect(hexEncode(x25519.getPublicKey(alice))).toBe('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    expect(hexEncode(x25519.getPublicKey(bob))).toBe('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    expect(hexEncode(x25519.getSharedSecret(alice, x25519.getPublicKey(bob)))).toBe('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
  });

  it('agrees with noble\'s x25519 on random keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (a, b) => {
        expect(x25519.getPublicKey(a)).toEqual(nobleX25519.getPublicKey(a));
        expect(x25519.getSharedSecret(a, nobleX25519.getPublicKey(b))).toEqual(nobleX25519.getSharedSecret(a, nobleX25519.getPublicKey(b)));
      }),
      { numRuns: 50 },
    );
  });

  it('refuses low-order points', () => {
    for (const point of ['0000000000000000000000000000000000000000000000000000000000000000', 'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800']) {
      expect(() => x25519.getSharedSecret(new Uint8Array(32).fill(3), hexDecode(point))).toThrow();
    }
  });
});
