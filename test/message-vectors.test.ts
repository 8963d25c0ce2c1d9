// The committed story-message vectors (test/vectors/message-v1.json): from the receipt code to the
// text, each opens with both implementations for the author and for every editor, a reply's
// signature verifies for its story only, and the size is the one size of every message.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { x25519 } from '@noble/curves/ed25519.js';
import { hexDecode } from '../crypto/bytes.ts';
import { EnvelopeError } from '../crypto/errors.ts';
import { keyIdOf } from '../crypto/key-id.ts';
import { checkMessageEnvelope, messageEnvelopeBytes, type Message } from '../crypto/message.ts';
import { replySignedBy } from '../crypto/message-reply.ts';
import { openMessageNoble, openMessageSodium } from '../crypto/message-seal.ts';
import { keyIdHex } from '../crypto/key-id.ts';
import { deriveReceipt, parseReceiptCode } from '../crypto/receipt.ts';
import { loadSodium, type Sodium } from '../crypto/sodium.ts';

interface Vector {
  description: string;
  receiptCode: string;
  storyId: string;
  editors: { x25519SecretKey: string; ed25519PublicKey: string }[];
  kind: 'reply' | 'answer';
  text: string;
  envelope: string;
}

const vectors: Vector[] = JSON.parse(readFileSync(new URL('./vectors/message-v1.json', import.meta.url), 'utf8'));
let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

describe('story message v1 vectors', () => {
  it('cover both kinds, both sealers and 16 editors', () => {
    expect(new Set(vectors.map((v) => v.kind))).toEqual(new Set(['reply', 'answer']));
    expect(vectors.some((v) => v.editors.length === 16)).toBe(true);
  });

  it.each(vectors.map((v) => [v.description, v] as const))('%s', (_description, vector) => {
    const envelope = hexDecode(vector.envelope);
    const storyId = hexDecode(vector.storyId);
    const parsed = parseReceiptCode(vector.receiptCode);
    if (!parsed.ok) throw new Error('vector receipt code does not parse');
    const author = deriveReceipt(parsed.ikm).reply;
    const editors = vector.editors.map((e) => {
      const secretKey = hexDecode(e.x25519SecretKey);
      return { x25519SecretKey: secretKey, x25519PublicKey: x25519.getPublicKey(secretKey), ed25519PublicKey: hexDecode(e.ed25519PublicKey) };
    });
    expect(envelope.length).toBe(messageEnvelopeBytes(editors.length));
    expect(checkMessageEnvelope(envelope, new Set(editors.map((e) => keyIdHex(e.x25519PublicKey))))).toBe(true);

    const authorKey = { x25519PublicKey: author.publicKey, x25519SecretKey: author.secretKey };
    const opened: Message[] = [openMessageNoble(envelope, authorKey), openMessageSodium(sodium, envelope, authorKey)];
    for (const editor of editors) opened.push(openMessageSodium(sodium, envelope, editor), openMessageNoble(envelope, editor));
    for (const message of opened) {
      expect(message.kind).toBe(vector.kind);
      expect(message.text).toBe(vector.text);
    }
    const message = opened[0]!;
    if (message.kind === 'reply') {
      expect(message.editorKeyId).toEqual(keyIdOf(editors[0]!.x25519PublicKey));
      expect(replySignedBy(message, storyId, editors[0]!.ed25519PublicKey)).toBe(true);
      const otherStory = storyId.slice();
      otherStory[0]! ^= 1;
      expect(replySignedBy(message, otherStory, editors[0]!.ed25519PublicKey)).toBe(false);
    }
    const tampered = envelope.slice();
    tampered[tampered.length - 1]! ^= 0x80;
    expect(() => openMessageNoble(tampered, authorKey)).toThrow(EnvelopeError);
    expect(() => openMessageSodium(sodium, tampered, authorKey)).toThrow(EnvelopeError);
  });
});
