// Attachment v1 with libsodium: the reviewer CLI's opener (and a sealer for cross-tests). An
// independent implementation of the AEAD beside attachment-noble.ts, held together by
// test/vectors/attachment-v1.json and crypto/attachment.test.ts.

import { abytes } from './bytes.ts';
import { ATTACHMENT_KEY_BYTES } from './attachment-format.ts';
import { openChunks, sealChunks } from './_attachment-stream.ts';
import type { Sodium } from './sodium.ts';

/** Opens an attachment of `length` bytes with its key from the story's envelope. Throws the one
 * AttachmentError for every fault. */
export function openAttachment(sodium: Sodium, key: Uint8Array, sealed: Uint8Array, length: number): Uint8Array {
  abytes(key, 'key', ATTACHMENT_KEY_BYTES);
  return openChunks((k, nonce, chunk) => sodium.crypto_aead_chacha20poly1305_ietf_decrypt(null, chunk, null, nonce, k), key, sealed, length);
}

/** The same format sealed with libsodium under a given key, for cross-tests and vectors. */
export function sealAttachmentSodium(sodium: Sodium, key: Uint8Array, image: Uint8Array): Uint8Array {
  abytes(key, 'key', ATTACHMENT_KEY_BYTES);
  return sealChunks((k, nonce, piece) => sodium.crypto_aead_chacha20poly1305_ietf_encrypt(piece, null, null, nonce, k), key, image);
}
