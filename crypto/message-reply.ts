// An editor's reply (format: crypto/message.ts): signed with the editor's Ed25519 key so the
// other editors see who wrote it, then sealed like every message. Kept apart from
// crypto/message-seal.ts so the page, which never signs, does not carry Ed25519.

import { ed25519 } from '@noble/curves/ed25519.js';
import { sealEnvelope } from './envelope-noble.ts';
import { keyIdOf } from './key-id.ts';
import { encodeMessage, replySigningMessage, type Message } from './message.ts';
import { recipientsOf, type MessageRecipients } from './message-seal.ts';

/** An editor's reply to story `storyId`, signed with the editor's Ed25519 seed. */
export function sealReply(
  storyId: Uint8Array,
  text: string,
  editor: { x25519PublicKey: Uint8Array; ed25519Seed: Uint8Array },
  to: MessageRecipients,
): Uint8Array {
  const signature = ed25519.sign(replySigningMessage(storyId, text), editor.ed25519Seed);
  return sealEnvelope(encodeMessage({ kind: 'reply', text, editorKeyId: keyIdOf(editor.x25519PublicKey), signature }), recipientsOf(to));
}

/** True when `message` is a reply to `storyId` signed by the editor with this Ed25519 key. */
export function replySignedBy(message: Message, storyId: Uint8Array, ed25519PublicKey: Uint8Array): boolean {
  if (message.kind !== 'reply') return false;
  try {
    return ed25519.verify(message.signature, replySigningMessage(storyId, message.text), ed25519PublicKey);
  } catch {
    return false;
  }
}

