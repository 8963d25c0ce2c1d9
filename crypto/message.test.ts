// Story messages: the format's limits, the one size of every message, the server's check, and
// noble/libsodium in both directions (committed vectors: test/message-vectors.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { utf8Encode } from './bytes.ts';
import { sealEnvelopeSodium } from './envelope-sodium.ts';
import { EnvelopeError, FormatError } from './errors.ts';
import { generateIdentity, type Identity } from './identity.ts';
import { keyIdHex, keyIdOf } from './key-id.ts';
import { checkMessageEnvelope, decodeMessage, encodeMessage, MESSAGE_TEXT_MAX_BYTES, messageEnvelopeBytes, messageTextFits } from './message.ts';
import { replySignedBy, sealReply } from './message-reply.ts';
import { openMessageNoble, openMessageSodium, sealAnswer } from './message-seal.ts';
import { sealEnvelope } from './envelope-noble.ts';
import { deriveReceipt, newReceiptCode, parseReceiptCode } from './receipt.ts';
import { loadSodium, type Sodium } from './sodium.ts';

let sodium: Sodium;
let editors: Identity[];
beforeAll(async () => {
  sodium = await loadSodium();
  editors = Array.from({ length: 3 }, generateIdentity);
});

function author() {
  const parsed = parseReceiptCode(newReceiptCode());
  if (!parsed.ok) throw new Error('unreachable');
  const { publicKey, secretKey } = deriveReceipt(parsed.ikm).reply;
  return { x25519PublicKey: publicKey, x25519SecretKey: secretKey };
}
const keyOf = (id: Identity) => ({ x25519PublicKey: id.x25519.publicKey, x25519SecretKey: id.x25519.secretKey });
const toAll = (a: { x25519PublicKey: Uint8Array }) => ({ editorX25519PublicKeys: editors.map((e) => e.x25519.publicKey), authorReplyKey: a.x25519PublicKey });
const editorIds = () => new Set(editors.map((e) => keyIdHex(e.x25519.publicKey)));

describe('story messages', () => {
  it('every message has one size, from one character to the longest text', () => {
    const me = author();
    for (const text of ['a', 'Привет', 'x'.repeat(MESSAGE_TEXT_MAX_BYTES)]) {
      expect(sealAnswer(text, toAll(me)).length).toBe(messageEnvelopeBytes(3));
      const writer = editors[1]!;
      const reply = sealReply(randomBytes(16), text, { x25519PublicKey: writer.x25519.publicKey, ed25519Seed: writer.ed25519.secretKey }, toAll(me));
      expect(reply.length).toBe(messageEnvelopeBytes(3));
    }
  });

  it('refuses empty, NUL-bearing and too long texts, in bytes not characters', () => {
    for (const text of ['', '   \n', 'a\0b', 'я'.repeat(MESSAGE_TEXT_MAX_BYTES / 2 + 1)]) {
      expect(messageTextFits(text)).toBe(false);
      expect(() => encodeMessage({ kind: 'answer', text })).toThrow(FormatError);
    }
    expect(messageTextFits('я'.repeat(MESSAGE_TEXT_MAX_BYTES / 2))).toBe(true);
  });

  it('a reply opens for the author and every editor with either library, and says who signed it', () => {
    const me = author();
    const story = randomBytes(16);
    const writer = editors[2]!;
    const envelope = sealReply(story, 'Можно без названия остановки?', { x25519PublicKey: writer.x25519.publicKey, ed25519Seed: writer.ed25519.secretKey }, toAll(me));
    for (const key of [me, ...editors.map(keyOf)]) {
      for (const message of [openMessageNoble(envelope, key), openMessageSodium(sodium, envelope, key)]) {
        expect(message).toMatchObject({ kind: 'reply', text: 'Можно без названия остановки?', editorKeyId: keyIdOf(writer.x25519.publicKey) });
        expect(replySignedBy(message, story, writer.ed25519.publicKey)).toBe(true);
        expect(replySignedBy(message, story, editors[0]!.ed25519.publicKey)).toBe(false);
      }
    }
    expect(() => openMessageNoble(envelope, author())).toThrow(EnvelopeError);
  });

  it('an answer sealed with libsodium opens with noble, and the other way round', () => {
    const me = author();
    const payload = encodeMessage({ kind: 'answer', text: 'Да, так можно.' });
    const bySodium = sealEnvelopeSodium(sodium, payload, [...editors.map((e) => e.x25519.publicKey), me.x25519PublicKey]);
    expect(openMessageNoble(bySodium, keyOf(editors[0]!))).toEqual({ kind: 'answer', text: 'Да, так можно.' });
    expect(openMessageSodium(sodium, sealAnswer('Да, так можно.', toAll(me)), me)).toEqual({ kind: 'answer', text: 'Да, так можно.' });
  });

  it('an envelope that opens but holds no message is the one generic error', () => {
    const me = author();
    const envelope = sealEnvelope(utf8Encode('{"v":1}'), [...editors.map((e) => e.x25519.publicKey), me.x25519PublicKey]);
    expect(() => openMessageNoble(envelope, me)).toThrow(EnvelopeError);
    expect(() => decodeMessage(Uint8Array.of(1, 9, 65))).toThrow(FormatError);
    expect(() => decodeMessage(Uint8Array.of(1, 2, 0xff))).toThrow(FormatError);
  });

  it('the server check wants every editor plus one key, at the one size', () => {
    const me = author();
    const good = sealAnswer('ok', toAll(me));
    expect(checkMessageEnvelope(good, editorIds())).toBe(true);
    // Only the editors (no author): one recipient short, and smaller.
    expect(checkMessageEnvelope(sealEnvelope(encodeMessage({ kind: 'answer', text: 'ok' }), editors.map((e) => e.x25519.publicKey)), editorIds())).toBe(false);
    // An outsider in an editor's place.
    const outsider = generateIdentity();
    const swapped = sealAnswer('ok', { editorX25519PublicKeys: [editors[0]!.x25519.publicKey, editors[1]!.x25519.publicKey, outsider.x25519.publicKey], authorReplyKey: me.x25519PublicKey });
    expect(checkMessageEnvelope(swapped, editorIds())).toBe(false);
    // A larger bucket.
    expect(checkMessageEnvelope(sealEnvelope(new Uint8Array(5000), [...editors.map((e) => e.x25519.publicKey), me.x25519PublicKey]), editorIds())).toBe(false);
    expect(checkMessageEnvelope(good.subarray(1), editorIds())).toBe(false);
    expect(checkMessageEnvelope(new Uint8Array(good.length), editorIds())).toBe(false);
  });
});
