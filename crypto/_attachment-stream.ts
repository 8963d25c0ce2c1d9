// The chunk loop of attachment v1 (crypto/attachment-format.ts), written once for both AEAD
// implementations: noble in the page (attachment-noble.ts), libsodium in the CLI
// (attachment-sodium.ts). Each passes its ChaCha20-Poly1305-IETF.

import { AttachmentError } from './errors.ts';
import { wipe } from './bytes.ts';
import {
  ATTACHMENT_CHUNK_BYTES,
  ATTACHMENT_SEALED_CHUNK_BYTES,
  ATTACHMENT_TAG_BYTES,
  chunkCount,
  chunkNonce,
  paddedAttachmentSize,
  sealedAttachmentSize,
} from './attachment-format.ts';

export type ChunkCipher = (key: Uint8Array, nonce: Uint8Array, input: Uint8Array) => Uint8Array;

/** Pads `image` and seals it chunk by chunk; `onChunk(done, total)` hears progress. */
export function sealChunks(encrypt: ChunkCipher, key: Uint8Array, image: Uint8Array, onChunk?: (done: number, total: number) => void): Uint8Array {
  const padded = new Uint8Array(paddedAttachmentSize(image.length));
  padded.set(image);
  const chunks = chunkCount(padded.length);
  const sealed = new Uint8Array(padded.length + ATTACHMENT_TAG_BYTES * chunks);
  try {
    for (let i = 0; i < chunks; i++) {
      const piece = padded.subarray(i * ATTACHMENT_CHUNK_BYTES, (i + 1) * ATTACHMENT_CHUNK_BYTES);
      sealed.set(encrypt(key, chunkNonce(i, i === chunks - 1), piece), i * ATTACHMENT_SEALED_CHUNK_BYTES);
      onChunk?.(i + 1, chunks);
    }
    return sealed;
  } finally {
    wipe(padded);
  }
}

/** Opens every chunk and returns the image of `length` bytes; the one AttachmentError for any
 * fault, including a size that does not match `length` and padding that is not all zero. */
export function openChunks(decrypt: ChunkCipher, key: Uint8Array, sealed: Uint8Array, length: number): Uint8Array {
  let padded: Uint8Array | undefined;
  try {
    if (sealed.length !== sealedAttachmentSize(length)) throw new AttachmentError();
    padded = new Uint8Array(paddedAttachmentSize(length));
    const chunks = chunkCount(padded.length);
    for (let i = 0; i < chunks; i++) {
      const piece = sealed.subarray(i * ATTACHMENT_SEALED_CHUNK_BYTES, (i + 1) * ATTACHMENT_SEALED_CHUNK_BYTES);
      padded.set(decrypt(key, chunkNonce(i, i === chunks - 1), piece), i * ATTACHMENT_CHUNK_BYTES);
    }
    let nonZero = 0;
    for (let i = length; i < padded.length; i++) nonZero |= padded[i]!;
    if (nonZero !== 0) throw new AttachmentError();
    return padded.slice(0, length);
  } catch {
    throw new AttachmentError();
  } finally {
    wipe(padded);
  }
}
