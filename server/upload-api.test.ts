// The attachment routes (upload-api.ts, and the upload field of a submission): proof of work of
// the upload kind priced by size, chunks checked against the sealed sizes, the story bound to a
// complete upload in its commit, the chunks pulled by editors and erased with the story.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_SEALED_CHUNK_BYTES, sealedAttachmentSize } from '../crypto/attachment-format.ts';
import { b64uDecode, b64uEncode, utf8Decode } from '../crypto/bytes.ts';
import { API_ERRORS, type ApiErrorCode } from '../crypto/contract.ts';
import { solveChallenge } from '../crypto/pow.ts';
import {
  createTestServer, envelopeFor, postJson, putChunk, signed, solvedChallenge, submissionBody, uploadSealed, type TestServer,
} from '../test/support/server.ts';

let server: TestServer;
beforeEach(() => {
  server = createTestServer({ editors: 2 });
});
afterEach(() => server.close());
const nowS = () => server.clock.ms / 1000;

/** Random bytes of a valid sealed size: the server never sees anything else. */
const sealedFile = (imageBytes: number) => randomBytes(sealedAttachmentSize(imageBytes));

async function expectCode(response: Response, code: ApiErrorCode): Promise<void> {
  const body = (await response.json()) as { code: string };
  expect({ status: response.status, code: body.code }).toEqual({ status: API_ERRORS[code][0], code });
}

async function challengeFor(body: unknown) {
  const response = await server.request('/api/v1/challenge', postJson(body));
  const answer = (await response.json()) as { challenge: string; difficulty: number };
  return { ...answer, nonce: solveChallenge(answer.challenge, answer.difficulty), payload: JSON.parse(utf8Decode(b64uDecode(answer.challenge.split('.')[0]!))) };
}

async function newUpload(files: number[]): Promise<string> {
  const { challenge, nonce } = await challengeFor({ uploadBytes: files.reduce((a, b) => a + b, 0) });
  const response = await server.request('/api/v1/uploads', postJson({ challenge, nonce, files }));
  expect(response.status).toBe(201);
  return ((await response.json()) as { upload: string }).upload;
}

describe('attachment uploads', () => {
  it('price an upload as kind "upload", more work for more bytes', async () => {
    const small = await challengeFor({ uploadBytes: sealedAttachmentSize(5000) });
    const large = await challengeFor({ uploadBytes: sealedAttachmentSize(5 * 1024 * 1024) });
    expect(small.payload.k).toBe('upload');
    expect(large.payload.s).toBeGreaterThan(small.payload.s);
    expect(large.difficulty).toBeGreaterThan(small.difficulty);
    await expectCode(await server.request('/api/v1/challenge', postJson({ uploadBytes: 12 * 1024 * 1024 })), 'invalid_field');
    await expectCode(await server.request('/api/v1/challenge', postJson({ uploadBytes: 1, envelopeBytes: 1 })), 'invalid_field');
  });

  it('refuse a challenge of the other kind, or priced for fewer bytes', async () => {
    const files = [sealedAttachmentSize(600_000)];
    const story = await solvedChallenge(server.request);
    await expectCode(await server.request('/api/v1/uploads', postJson({ ...story, files })), 'bad_proof_of_work');
    const cheap = await challengeFor({ uploadBytes: sealedAttachmentSize(5000) });
    await expectCode(await server.request('/api/v1/uploads', postJson({ challenge: cheap.challenge, nonce: cheap.nonce, files })), 'bad_proof_of_work');
    // …and an upload's challenge never pays for a story.
    const upload = await challengeFor({ uploadBytes: 9000 });
    const envelope = envelopeFor(server.editors, 'a story');
    const body = { ...(await submissionBody(server.request, envelope)), challenge: upload.challenge, nonce: upload.nonce };
    await expectCode(await server.request('/api/v1/submissions', postJson(body)), 'bad_proof_of_work');
  });

  it('refuse sizes that are not sealed attachment sizes, too many files, and chunks of the wrong size or place', async () => {
    for (const files of [[5000], [sealedAttachmentSize(5000) + 1], [], [1, 2, 3, 4].map(() => sealedAttachmentSize(5000))]) {
      const { challenge, nonce } = await challengeFor({ uploadBytes: 9000 });
      await expectCode(await server.request('/api/v1/uploads', postJson({ challenge, nonce, files })), 'invalid_field');
    }
    const size = sealedAttachmentSize(70_000); // two chunks
    const upload = await newUpload([size]);
    const put = (file: number, chunk: number, bytes: number) => server.request(`/api/v1/uploads/${upload}/${file}/${chunk}`, putChunk(randomBytes(bytes)));
    await expectCode(await put(0, 0, ATTACHMENT_SEALED_CHUNK_BYTES - 1), 'invalid_chunk');
    await expectCode(await put(0, 2, 10), 'invalid_chunk');
    await expectCode(await put(1, 0, 10), 'invalid_chunk');
    await expectCode(await put(0, 0, ATTACHMENT_SEALED_CHUNK_BYTES + 1), 'too_large');
    expect((await put(0, 1, size - ATTACHMENT_SEALED_CHUNK_BYTES)).status).toBe(200);
    await expectCode(await server.request(`/api/v1/uploads/${b64uEncode(randomBytes(32))}/0/0`, putChunk(randomBytes(10))), 'unknown_upload');
    await expectCode(await server.request(`/api/v1/uploads/${upload}/0/0`, { method: 'PUT', body: 'x' }), 'bad_request');
  });

  it('bind a complete upload to its story, serve the chunks to editors, and erase them once both pulled it', async () => {
    const files = [sealedFile(140_000), sealedFile(3000)];
    const upload = await uploadSealed(server.request, files);
    const envelope = envelopeFor(server.editors, 'a story with two pictures');
    const submitted = await server.request('/api/v1/submissions', postJson({ ...(await submissionBody(server.request, envelope)), upload }));
    expect(submitted.status).toBe(201);
    // The upload is the story's now: no more chunks, no second story.
    await expectCode(await server.request(`/api/v1/uploads/${upload}/0/0`, putChunk(randomBytes(10))), 'unknown_upload');
    const again = await server.request('/api/v1/submissions', postJson({ ...(await submissionBody(server.request, envelope)), upload }));
    await expectCode(again, 'upload_incomplete');

    const [a, b] = server.editors as [typeof server.editors[0], typeof server.editors[0]];
    const inbox = (await (await server.request('/api/v1/inbox', signed(a, 'GET', '/api/v1/inbox', undefined, nowS()))).json()) as { items: { id: string; attachments: number[] }[] };
    expect(inbox.items.map((item) => item.attachments)).toEqual([files.map((file) => file.length)]);
    const id = inbox.items[0]!.id;
    const chunk = (editor: typeof a, file: number, n: number) => {
      const query = `/api/v1/inbox/attachment?id=${id}&file=${file}&chunk=${n}`;
      return server.request(query, signed(editor, 'GET', query, undefined, nowS()));
    };
    const first = await chunk(a, 0, 2);
    expect(first.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await first.arrayBuffer()).equals(files[0]!.subarray(2 * ATTACHMENT_SEALED_CHUNK_BYTES))).toBe(true);
    await expectCode(await chunk(a, 0, 3), 'not_found');
    await expectCode(await chunk(a, 3, 0), 'invalid_query');
    const ack = (editor: typeof a) => server.request('/api/v1/inbox/ack', signed(editor, 'POST', '/api/v1/inbox/ack', { ids: [id] }, nowS()));
    await ack(a);
    await expectCode(await chunk(a, 1, 0), 'not_found');
    expect((await chunk(b, 1, 0)).status).toBe(200);
    await ack(b);
    await expectCode(await chunk(b, 1, 0), 'not_found');
    expect(await server.store.usedBytes()).toBe(128); // the row only: envelope and attachments erased
  });

  it('refuse a story whose upload is incomplete or unknown, storing nothing', async () => {
    const upload = await newUpload([sealedAttachmentSize(70_000)]);
    expect((await server.request(`/api/v1/uploads/${upload}/0/0`, putChunk(randomBytes(ATTACHMENT_SEALED_CHUNK_BYTES)))).status).toBe(200);
    const envelope = envelopeFor(server.editors, 'a story');
    for (const token of [upload, b64uEncode(randomBytes(32))]) {
      const response = await server.request('/api/v1/submissions', postJson({ ...(await submissionBody(server.request, envelope)), upload: token }));
      await expectCode(response, 'upload_incomplete');
    }
    const inbox = await server.request('/api/v1/inbox', signed(server.editors[0]!, 'GET', '/api/v1/inbox', undefined, nowS()));
    expect(((await inbox.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('refuse an upload the quota cannot hold before anything is stored', async () => {
    const small = createTestServer({ editors: 1, maxStoreBytes: 300_000 });
    try {
      const asked = await small.request('/api/v1/challenge', postJson({ uploadBytes: sealedAttachmentSize(400_000) }));
      await expectCode(asked, 'storage_full');
    } finally {
      await small.close();
    }
  });
});
