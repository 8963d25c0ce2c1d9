// Who wrote a message, as `show` says it: a reply verified against its writer's key, one whose
// signature does not match its claimed writer, one from a key not in the set, and the author.
import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { b64uEncode } from '../crypto/bytes.ts';
import { sealEnvelope } from '../crypto/envelope-noble.ts';
import { generateIdentity, publicKeyLineOf, type Identity } from '../crypto/identity.ts';
import { keyIdOf } from '../crypto/key-id.ts';
import { encodeMessage, replySigningMessage } from '../crypto/message.ts';
import { sealReply } from '../crypto/message-reply.ts';
import { sealAnswer } from '../crypto/message-seal.ts';
import { parseKeyList } from '../crypto/public-key.ts';
import { loadSodium, type Sodium } from '../crypto/sodium.ts';
import { conversationText, openConversation } from './conversation.ts';

let sodium: Sodium;
let anna: Identity;
let boris: Identity;
beforeAll(async () => {
  sodium = await loadSodium();
  [anna, boris] = [generateIdentity(), generateIdentity()];
});

describe('the conversation as show prints it', () => {
  it('names a verified writer, flags a forged one, and shows the author\'s answers', () => {
    const story = new Uint8Array(randomBytes(16));
    const author = generateIdentity().x25519.publicKey;
    const to = { editorX25519PublicKeys: [anna.x25519.publicKey, boris.x25519.publicKey], authorReplyKey: author };
    const keys = parseKeyList(`${publicKeyLineOf(anna, 'anna')}\n${publicKeyLineOf(boris, 'boris')}`);
    const genuine = sealReply(story, 'Вопрос', { x25519PublicKey: anna.x25519.publicKey, ed25519Seed: anna.ed25519.secretKey }, to);
    // Claims anna's key id, signed by boris.
    const forgedPayload = encodeMessage({ kind: 'reply', text: 'Подделка', editorKeyId: keyIdOf(anna.x25519.publicKey), signature: ed25519.sign(replySigningMessage(story, 'Подделка'), boris.ed25519.secretKey) });
    const forged = sealEnvelope(forgedPayload, [...to.editorX25519PublicKeys, author]);
    const answer = sealAnswer('Ответ', to);
    const messages = [genuine, forged, answer].map((envelope, i) => ({ id: b64uEncode(story), seq: i + 1, day: '2026-11-2' + i, envelope }));
    const entries = openConversation(sodium, boris, b64uEncode(story), messages, keys);
    expect(entries[0]!.from).toMatch(/^editor anna \(/);
    expect(entries[1]!.from).toMatch(/^UNVERIFIED/);
    expect(entries[2]).toEqual({ day: '2026-11-22', from: 'author', text: 'Ответ' });
    const unknown = openConversation(sodium, boris, b64uEncode(story), messages.slice(0, 1), keys.slice(1));
    expect(unknown[0]!.from).toMatch(/not in your editor set/);
    expect(conversationText(entries)).toContain('2026-11-22  the author answered:\n  Ответ');
    // A message not sealed to this editor is said to be unreadable, not dropped.
    const stranger = generateIdentity();
    expect(openConversation(sodium, stranger, b64uEncode(story), messages.slice(2), keys)[0]!.text).toMatch(/could not be opened/);
  });
});
