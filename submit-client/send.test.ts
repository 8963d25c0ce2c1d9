import { describe, expect, it } from 'vitest';
import { b64uDecode, b64uEncode } from '../crypto/bytes.ts';
import { apiError, type ApiErrorCode } from '../crypto/contract.ts';
import { openEnvelopeNoble } from '../crypto/envelope-noble.ts';
import { generateIdentity } from '../crypto/identity.ts';
import { deriveReceipt, newReceiptCode, parseReceiptCode } from '../crypto/receipt.ts';
import { STORY_MAX_CHARS } from '../crypto/testimony-rules.ts';
import { decodeTestimony } from '../crypto/testimony.ts';
import { encodeTestimonyWithAttachments } from '../crypto/testimony-attachments.ts';
import { NetworkError, type ApiAnswer } from './api.ts';
import { SendError, sendTestimony, type Draft, type SendDeps } from './send.ts';

const editor = generateIdentity();
const draft: Draft = { story: 'Привет 🌈', language: 'ru', region: 'ural' };

/** A scripted server: each submission answer comes from `answers`, in order. */
function fakeDeps(answers: (ApiAnswer | 'offline')[], challengeAnswer: ApiAnswer = { status: 200, body: { challenge: 'c', difficulty: 1 } }) {
  const posts: { path: string; body: unknown }[] = [];
  const stages: string[] = [];
  const deps: SendDeps = {
    async post(path, body) {
      posts.push({ path, body });
      if (path === '/api/v1/challenge') return challengeAnswer;
      const answer = answers.shift();
      if (answer === 'offline' || answer === undefined) throw new NetworkError();
      return answer;
    },
    solve: async (_challenge, _difficulty, onProgress) => {
      onProgress(0.5);
      return '7';
    },
    recipients: [editor.x25519.publicKey],
    onStage: (stage) => void stages.push(stage),
  };
  return { deps, posts, stages, submissions: () => posts.filter((p) => p.path === '/api/v1/submissions') };
}

const error = (code: ApiErrorCode): ApiAnswer => apiError(code);

describe('sendTestimony', () => {
  it('posts only an envelope the editors can open, with the receipt verifier and the solved challenge', async () => {
    const code = newReceiptCode();
    const { deps, posts, stages } = fakeDeps([{ status: 201, body: { ok: true } }]);
    await sendTestimony(draft, code, deps);
    expect(posts.map((p) => p.path)).toEqual(['/api/v1/challenge', '/api/v1/submissions']);
    const body = posts[1]!.body as Record<string, string>;
    // The challenge is asked for the envelope's exact size: the server prices the work by it.
    expect(posts[0]!.body).toEqual({ envelopeBytes: b64uDecode(body.envelope!).length });
    // As sent (JSON): no upload without pictures.
    expect(Object.keys(JSON.parse(JSON.stringify(body))).sort()).toEqual(['challenge', 'envelope', 'nonce', 'receiptVerifier']);
    expect(JSON.stringify(body)).not.toContain('Привет');
    const parsed = parseReceiptCode(code);
    if (!parsed.ok) throw new Error('bad code');
    const receipt = deriveReceipt(parsed.ikm);
    expect(body).toMatchObject({ challenge: 'c', nonce: '7', receiptVerifier: b64uEncode(receipt.verifier) });
    const opened = decodeTestimony(openEnvelopeNoble(b64uDecode(body.envelope!), {
      x25519PublicKey: editor.x25519.publicKey, x25519SecretKey: editor.x25519.secretKey,
    }));
    expect(opened).toEqual({ v: 1, ...draft, consent: true, replyKey: b64uEncode(receipt.reply.publicKey) });
    expect(stages).toEqual(['encrypt', 'work', 'work', 'send']);
  });

  it('retries an expired challenge once with a fresh one, then gives up', async () => {
    const once = fakeDeps([error('challenge_expired'), { status: 201, body: { ok: true } }]);
    await sendTestimony(draft, newReceiptCode(), once.deps);
    expect(once.posts.map((p) => p.path)).toEqual(['/api/v1/challenge', '/api/v1/submissions', '/api/v1/challenge', '/api/v1/submissions']);
    expect((once.submissions()[0]!.body as { envelope: string }).envelope).toBe((once.submissions()[1]!.body as { envelope: string }).envelope);

    const twice = fakeDeps([error('challenge_expired'), error('challenge_used')]);
    await expect(sendTestimony(draft, newReceiptCode(), twice.deps)).rejects.toEqual(new SendError('expired'));
    expect(twice.submissions()).toHaveLength(2);
  });

  it.each([
    ['offline', 'network'],
    [error('busy'), 'busy'],
    [error('too_large'), 'too-big'],
    [error('storage_full'), 'storage'],
    [error('invalid_envelope'), 'failed'],
    [{ status: 502, body: null }, 'failed'],
  ] as const)('names the failure for %j', async (answer, reason) => {
    const { deps, submissions } = fakeDeps([answer]);
    await expect(sendTestimony(draft, newReceiptCode(), deps)).rejects.toMatchObject({ reason });
    expect(submissions()).toHaveLength(1);
  });

  it('fails when the challenge cannot be fetched', async () => {
    const { deps, submissions } = fakeDeps([], error('busy'));
    await expect(sendTestimony(draft, newReceiptCode(), deps)).rejects.toMatchObject({ reason: 'busy' });
    expect(submissions()).toHaveLength(0);
  });

  it('treats "receipt already used" as sent: an earlier attempt with this code was stored', async () => {
    const { deps } = fakeDeps([error('receipt_used')]);
    await expect(sendTestimony(draft, newReceiptCode(), deps)).resolves.toBeUndefined();
  });

  it('sends nothing at all when the story cannot be sealed', async () => {
    const { deps, posts } = fakeDeps([]);
    await expect(sendTestimony({ ...draft, story: 'a'.repeat(STORY_MAX_CHARS + 1) }, newReceiptCode(), deps))
      .rejects.toMatchObject({ reason: 'too-big' });
    await expect(sendTestimony(draft, newReceiptCode(), { ...deps, recipients: [] })).rejects.toMatchObject({ reason: 'failed' });
    expect(posts).toEqual([]);
  });

  it('with pictures: their document, their upload first, then the story naming the upload; a failed upload sends no story', async () => {
    const encoded: unknown[] = [];
    const pictures = (outcome: { token: string } | { failure: 'storage' }) => ({
      encode: (testimony: Parameters<typeof encodeTestimonyWithAttachments>[0]) => {
        encoded.push(testimony);
        return encodeTestimonyWithAttachments({ ...testimony, attachments: [{ type: 'image/png', bytes: 10, key: b64uEncode(new Uint8Array(32)) }] });
      },
      upload: async () => outcome,
    });
    const sent = fakeDeps([{ status: 201, body: { ok: true } }]);
    await sendTestimony(draft, newReceiptCode(), { ...sent.deps, pictures: pictures({ token: 'TOKEN' }) });
    const body = sent.submissions()[0]!.body as { envelope: string; upload: string };
    expect(body.upload).toBe('TOKEN');
    const opened = decodeTestimony(openEnvelopeNoble(b64uDecode(body.envelope), { x25519PublicKey: editor.x25519.publicKey, x25519SecretKey: editor.x25519.secretKey }));
    expect(opened.attachments).toHaveLength(1);
    expect(encoded).toHaveLength(1);

    const refused = fakeDeps([{ status: 201, body: { ok: true } }]);
    await expect(sendTestimony(draft, newReceiptCode(), { ...refused.deps, pictures: pictures({ failure: 'storage' }) })).rejects.toEqual(new SendError('storage'));
    expect(refused.submissions()).toEqual([]);
  });
});
