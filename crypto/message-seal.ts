// Sealing and opening story messages (format: crypto/message.ts) in pure JavaScript: the page
// seals the author's answers and opens the conversation with the receipt's reply key; the CLI
// opens with libsodium (openMessageSodium) and seals replies with crypto/message-reply.ts.
// Recipients are always every editor, then the author's reply key.

import { openEnvelopeNoble, sealEnvelope } from './envelope-noble.ts';
import { openEnvelope, type X25519KeyPair } from './envelope-sodium.ts';
import { EnvelopeError } from './errors.ts';
import { decodeMessage, encodeMessage, type Message } from './message.ts';
import type { Sodium } from './sodium.ts';

export interface MessageRecipients {
  editorX25519PublicKeys: readonly Uint8Array[];
  authorReplyKey: Uint8Array;
}

export const recipientsOf = (to: MessageRecipients) => [...to.editorX25519PublicKeys, to.authorReplyKey];

/** The author's answer, sealed to the editors and to the author's own reply key (so the author
 * sees their own words in the conversation). */
export function sealAnswer(text: string, to: MessageRecipients): Uint8Array {
  return sealEnvelope(encodeMessage({ kind: 'answer', text }), recipientsOf(to));
}

/** Opens a message with noble (the page, with the receipt's reply key pair). Every failure is
 * the one EnvelopeError. */
export function openMessageNoble(envelope: Uint8Array, key: X25519KeyPair): Message {
  return decodeOrFail(() => openEnvelopeNoble(envelope, key));
}

/** Opens a message with libsodium (the CLI, with the editor's key pair). */
export function openMessageSodium(sodium: Sodium, envelope: Uint8Array, key: X25519KeyPair): Message {
  return decodeOrFail(() => openEnvelope(sodium, envelope, key));
}

function decodeOrFail(open: () => Uint8Array): Message {
  try {
    return decodeMessage(open());
  } catch {
    throw new EnvelopeError();
  }
}
