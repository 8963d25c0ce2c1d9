// Writes test/vectors/message-v1.json: known-answer vectors for story messages (crypto/message.ts)
// from a receipt code to the opened text, checkable by following SECURITY.md §4 alone. Run once;
// the committed file is the reference (re-running makes new keys, equally valid).
//   node --import tsx scripts/generate-message-vectors.ts
import { ed25519 } from '@noble/curves/ed25519.js';
import { writeFileSync } from 'node:fs';
import { hexEncode } from '../crypto/bytes.ts';
import { sealEnvelopeSodium } from '../crypto/envelope-sodium.ts';
import { generateIdentity } from '../crypto/identity.ts';
import { keyIdOf } from '../crypto/key-id.ts';
import { encodeMessage, MESSAGE_TEXT_MAX_BYTES, replySigningMessage } from '../crypto/message.ts';
import { sealReply } from '../crypto/message-reply.ts';
import { sealAnswer } from '../crypto/message-seal.ts';
import { deriveReceipt, newReceiptCode, parseReceiptCode } from '../crypto/receipt.ts';
import { loadSodium } from '../crypto/sodium.ts';
import { randomBytes } from 'node:crypto';

const sodium = await loadSodium();
const cases: { description: string; editors: number; kind: 'reply' | 'answer'; text: string; sealer: 'noble' | 'sodium' }[] = [
  { description: 'reply in Russian, 1 editor', editors: 1, kind: 'reply', text: 'Можно написать «остановка», без названия?', sealer: 'noble' },
  { description: 'answer in Ukrainian, 3 editors', editors: 3, kind: 'answer', text: 'Так, можна. Дякую!', sealer: 'noble' },
  { description: 'reply of the longest text, 2 editors, sealed with libsodium', editors: 2, kind: 'reply', text: 'é'.repeat(MESSAGE_TEXT_MAX_BYTES / 2), sealer: 'sodium' },
  { description: 'answer of the longest text, 16 editors (the maximum), sealed with libsodium', editors: 16, kind: 'answer', text: 'a'.repeat(MESSAGE_TEXT_MAX_BYTES), sealer: 'sodium' },
  { description: 'reply with emoji and newlines, 3 editors', editors: 3, kind: 'reply', text: '🌈 Bonjour,\nmerci.\n— la rédaction', sealer: 'noble' },
];

const vectors = cases.map(({ description, editors, kind, text, sealer }) => {
  const code = newReceiptCode();
  const parsed = parseReceiptCode(code);
  if (!parsed.ok) throw new Error('unreachable');
  const author = deriveReceipt(parsed.ikm).reply;
  const ids = Array.from({ length: editors }, generateIdentity);
  const to = { editorX25519PublicKeys: ids.map((id) => id.x25519.publicKey), authorReplyKey: author.publicKey };
  const writer = ids[0]!;
  const storyId = new Uint8Array(randomBytes(16));
  let envelope: Uint8Array;
  if (sealer === 'noble') {
    envelope = kind === 'reply'
      ? sealReply(storyId, text, { x25519PublicKey: writer.x25519.publicKey, ed25519Seed: writer.ed25519.secretKey }, to)
      : sealAnswer(text, to);
  } else {
    const message = kind === 'reply'
      ? { kind, text, editorKeyId: keyIdOf(writer.x25519.publicKey), signature: ed25519.sign(replySigningMessage(storyId, text), writer.ed25519.secretKey) }
      : { kind, text };
    envelope = sealEnvelopeSodium(sodium, encodeMessage(message), [...to.editorX25519PublicKeys, to.authorReplyKey]);
  }
  return {
    description,
    receiptCode: code,
    storyId: hexEncode(storyId),
    editors: ids.map((id) => ({ x25519SecretKey: hexEncode(id.x25519.secretKey), ed25519PublicKey: hexEncode(id.ed25519.publicKey) })),
    kind,
    text,
    envelope: hexEncode(envelope),
  };
});

writeFileSync(new URL('../test/vectors/message-v1.json', import.meta.url), `${JSON.stringify(vectors, null, 1)}\n`);
console.log(`wrote ${vectors.length} vectors`);
