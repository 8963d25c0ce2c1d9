// Story messages (SECURITY.md §4 "Replies"): an editor's reply to the author and the author's
// answer back. Each is an envelope v1 (crypto/envelope-format.ts) sealed to every editor AND to
// the author's reply key (crypto/receipt.ts), so the author reads both sides of the conversation
// with their receipt code and every editor reads it with their own key.
//
//   payload = version 1 (1 byte) ‖ kind (1 byte) ‖ for a reply: key id of the writing editor
//             (8 bytes) ‖ Ed25519 signature (64 bytes) ‖ text (UTF-8, 1..MESSAGE_TEXT_MAX_BYTES)
//   kind    = 1 editor reply, 2 author answer
//   signed  = "sotto-reply-v1" ‖ story id (16 bytes) ‖ text: binds the reply to its story, so
//             a reply copied under another story does not verify.
//
// Every payload is at most 4092 bytes, so it pads to exactly 4096 (crypto/pad.ts) and every
// message of a server has one size: the server learns how many messages a story has, never how
// long one is. This module holds no secret; sealing and opening are the envelope's.

import { abytes, concatBytes, hexEncode, utf8Decode, utf8Encode } from './bytes.ts';
import { ID_BYTES } from './contract.ts';
import { envelopeSizeFor, parseEnvelope } from './envelope-format.ts';
import { FormatError } from './errors.ts';
import { KEY_ID_BYTES } from './key-id.ts';
import { MIN_PADDED_BYTES } from './pad.ts';

const VERSION = 1;
export const MESSAGE_KINDS = { reply: 1, answer: 2 } as const;
export type MessageKind = keyof typeof MESSAGE_KINDS;
export const SIGNATURE_BYTES = 64;
const REPLY_HEADER_BYTES = 2 + KEY_ID_BYTES + SIGNATURE_BYTES;
/** The longest text either side may send: a reply's header plus this still pads to 4096. */
export const MESSAGE_TEXT_MAX_BYTES = MIN_PADDED_BYTES - 4 - REPLY_HEADER_BYTES;
const SIGNING_LABEL = utf8Encode('sotto-reply-v1');

export type Message =
  | { kind: 'reply'; text: string; editorKeyId: Uint8Array; signature: Uint8Array }
  | { kind: 'answer'; text: string };

/** The exact size of every message envelope for a server with `editors` editors (plus the author). */
export function messageEnvelopeBytes(editors: number): number {
  return envelopeSizeFor(MIN_PADDED_BYTES - 4, editors + 1);
}

/** Throws FormatError unless `text` is non-empty, free of NUL and at most the limit in UTF-8. */
function checkedText(text: string): Uint8Array {
  if (typeof text !== 'string' || text.trim() === '' || text.includes('\0')) throw new FormatError('message text is empty');
  const bytes = utf8Encode(text);
  if (bytes.length > MESSAGE_TEXT_MAX_BYTES) throw new FormatError('message is too long');
  return bytes;
}

/** True when `text` can be sent as a message (the page checks before it solves a challenge). */
export function messageTextFits(text: string): boolean {
  try {
    checkedText(text);
    return true;
  } catch {
    return false;
  }
}

/** What the writing editor signs (with the Ed25519 key of their identity). */
export function replySigningMessage(storyId: Uint8Array, text: string): Uint8Array {
  return concatBytes(SIGNING_LABEL, abytes(storyId, 'storyId', ID_BYTES), checkedText(text));
}

export function encodeMessage(message: Message): Uint8Array {
  const text = checkedText(message.text);
  if (message.kind === 'answer') return concatBytes(Uint8Array.of(VERSION, MESSAGE_KINDS.answer), text);
  return concatBytes(
    Uint8Array.of(VERSION, MESSAGE_KINDS.reply),
    abytes(message.editorKeyId, 'editorKeyId', KEY_ID_BYTES),
    abytes(message.signature, 'signature', SIGNATURE_BYTES),
    text,
  );
}

/** Reads a payload. Throws FormatError for an unknown version or kind, or text that is not
 * valid UTF-8 within the limits. The reply's signature is checked by the caller, who has the keys. */
export function decodeMessage(payload: Uint8Array): Message {
  abytes(payload, 'payload');
  if (payload.length < 2 || payload[0] !== VERSION) throw new FormatError('not a message');
  const decodeText = (bytes: Uint8Array): string => {
    let text: string;
    try {
      text = utf8Decode(bytes);
    } catch {
      throw new FormatError('message text is not valid UTF-8');
    }
    checkedText(text);
    return text;
  };
  if (payload[1] === MESSAGE_KINDS.answer) return { kind: 'answer', text: decodeText(payload.subarray(2)) };
  if (payload[1] === MESSAGE_KINDS.reply && payload.length > REPLY_HEADER_BYTES) {
    return {
      kind: 'reply',
      editorKeyId: payload.slice(2, 2 + KEY_ID_BYTES),
      signature: payload.slice(2 + KEY_ID_BYTES, REPLY_HEADER_BYTES),
      text: decodeText(payload.subarray(REPLY_HEADER_BYTES)),
    };
  }
  throw new FormatError('not a message');
}

/**
 * What the server checks before storing a message (it can never open one): the exact size of a
 * message for this many editors, and a recipient list holding every editor plus one more key
 * (the author's reply key, which the server does not know). Never throws on bad input.
 */
export function checkMessageEnvelope(bytes: Uint8Array, editorKeyIds: ReadonlySet<string>): boolean {
  if (!(bytes instanceof Uint8Array) || bytes.length !== messageEnvelopeBytes(editorKeyIds.size)) return false;
  try {
    const { recipients } = parseEnvelope(bytes);
    const editorsAmong = recipients.filter((r) => editorKeyIds.has(hexEncode(r.keyId))).length;
    return recipients.length === editorKeyIds.size + 1 && editorsAmong === editorKeyIds.size;
  } catch {
    return false;
  }
}
