// Attachment v1 with noble (pure JavaScript, no WebAssembly): what the submit page runs.
// Format: crypto/attachment-format.ts. The opener is for cross-tests; the CLI opens with libsodium
// (crypto/attachment-sodium.ts).

import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { abytes } from './bytes.ts';
import { ATTACHMENT_KEY_BYTES } from './attachment-format.ts';
import { openChunks, sealChunks, type ChunkCipher } from './_attachment-stream.ts';

const encrypt: ChunkCipher = (key, nonce, piece) => chacha20poly1305(key, nonce).encrypt(piece);
const decrypt: ChunkCipher = (key, nonce, sealed) => chacha20poly1305(key, nonce).decrypt(sealed);

/** Encrypts a cleaned image under a key made here, fresh for each call. The caller puts the key
 * in the story's envelope (and nowhere else) and wipes it once the story is sealed. */
export function sealAttachment(image: Uint8Array, onChunk?: (done: number, total: number) => void): { key: Uint8Array; sealed: Uint8Array } {
  abytes(image, 'image');
  const key = randomBytes(ATTACHMENT_KEY_BYTES);
  return { key, sealed: sealChunks(encrypt, key, image, onChunk) };
}

/** Opens an attachment of `length` bytes. Throws the one AttachmentError. For tests. */
export function openAttachmentNoble(key: Uint8Array, sealed: Uint8Array, length: number): Uint8Array {
  return openChunks(decrypt, abytes(key, 'key', ATTACHMENT_KEY_BYTES), sealed, length);
}
