import { describe, expect, it } from 'vitest';
import { utf8Encode } from './bytes.ts';
import { generateIdentity } from './identity.ts';
import { keyIdHex } from './key-id.ts';
import { signRequest, verifyRequestSignature } from './request-signature.ts';

const editor = generateIdentity();
const request = { method: 'POST', pathAndQuery: '/api/v1/inbox/ack', body: utf8Encode('{"ids":["a"]}'), keyIdHex: keyIdHex(editor.x25519.publicKey) };
const headers = signRequest({ ...request, ed25519SecretKey: editor.ed25519.secretKey, now: 1_800_000_000 });
const asSigned = {
  ...request,
  timestamp: headers['sotto-timestamp'],
  nonce: headers['sotto-nonce'],
  signature: headers['sotto-signature'],
  ed25519PublicKey: editor.ed25519.publicKey,
};

describe('signed editor requests', () => {
  it('verify exactly as signed', () => {
    expect(headers['sotto-timestamp']).toBe('1800000000');
    expect(verifyRequestSignature(asSigned)).toBe(true);
    expect(verifyRequestSignature({ ...asSigned, method: 'post' })).toBe(true);
  });

  it('make a fresh nonce for every request', () => {
    const again = signRequest({ ...request, ed25519SecretKey: editor.ed25519.secretKey, now: 1_800_000_000 });
    expect(again['sotto-nonce']).not.toBe(headers['sotto-nonce']);
  });

  it.each([
    ['another method', { method: 'GET' }],
    ['another path', { pathAndQuery: '/api/v1/inbox/status' }],
    ['another query', { pathAndQuery: '/api/v1/inbox/ack?x=1' }],
    ['another body', { body: utf8Encode('{"ids":["b"]}') }],
    ['another timestamp', { timestamp: '1800000001' }],
    ['another nonce', { nonce: 'AAAAAAAAAAAAAAAAAAAAAA' }],
    ['another key id', { keyIdHex: '0000000000000000' }],
    ['another editor', { ed25519PublicKey: generateIdentity().ed25519.publicKey }],
    ['a garbage signature', { signature: 'not base64!' }],
    ['a short signature', { signature: 'AAAA' }],
    ['a malformed public key', { ed25519PublicKey: new Uint8Array(5) }],
  ])('fail for %s', (_name, change) => {
    expect(verifyRequestSignature({ ...asSigned, ...change })).toBe(false);
  });
});
