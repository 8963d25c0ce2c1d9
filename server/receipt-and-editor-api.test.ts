import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { b64uDecode, b64uEncode } from '../crypto/bytes.ts';
import { apiError, INBOX_PAGE_MAX, type ApiErrorCode } from '../crypto/contract.ts';
import { SIGNATURE_WINDOW_S } from './editor-auth.ts';
import {
  createTestServer, makeEditors, newReceipt, postJson, sendStory, signed, type TestEditor, type TestServer,
} from '../test/support/server.ts';

let server: TestServer;
beforeEach(() => {
  server = createTestServer({ editors: 2 });
});
afterEach(() => server.close());

const nowS = () => Math.floor(server.clock.ms / 1000);

const submitStory = (story?: string) => sendStory(server, story);

const receiptStatus = async (token: Uint8Array, action: 'status' | 'withdraw' = 'status') =>
  ({ status: ((await (await server.request('/api/v1/receipts/status', postJson({ token: b64uEncode(token), action }))).json()) as { status: string }).status });

type Inbox = { items: { id: string; day: string; envelope: string }[]; next: string | null; remaining: number; withdrawn: string[] };
async function inbox(editor: TestEditor, query = ''): Promise<Inbox> {
  const path = `/api/v1/inbox${query}`;
  const response = await server.request(path, signed(editor, 'GET', path, undefined, nowS()));
  expect(response.status).toBe(200);
  return (await response.json()) as Inbox;
}
const ack = (editor: TestEditor, ids: string[]) => server.request('/api/v1/inbox/ack', signed(editor, 'POST', '/api/v1/inbox/ack', { ids }, nowS()));
const setStatus = (editor: TestEditor, id: string, status: string) =>
  server.request('/api/v1/inbox/status', signed(editor, 'POST', '/api/v1/inbox/status', { id, status }, nowS()));

describe('POST /api/v1/receipts/status', () => {
  it('answers the status for the right token and "unknown" in the same shape otherwise', async () => {
    const { receipt } = await submitStory();
    expect(await receiptStatus(receipt.token)).toEqual({ status: 'received' });
    expect(await receiptStatus(newReceipt().token)).toEqual({ status: 'unknown' });
    expect(await receiptStatus(receipt.verifier)).toEqual({ status: 'unknown' }); // the verifier is not the token
  });

  it('withdraws: erases the envelope, keeps "withdrawn", idempotent; unknown tokens change nothing', async () => {
    const { receipt } = await submitStory();
    const other = await submitStory('another');
    const usedBefore = await server.store.usedBytes();
    expect(await receiptStatus(newReceipt().token, 'withdraw')).toEqual({ status: 'unknown' });
    expect(await server.store.usedBytes()).toBe(usedBefore);
    expect(await receiptStatus(receipt.token, 'withdraw')).toEqual({ status: 'withdrawn' });
    expect(await receiptStatus(receipt.token, 'withdraw')).toEqual({ status: 'withdrawn' });
    expect(await receiptStatus(receipt.token)).toEqual({ status: 'withdrawn' });
    expect(await receiptStatus(other.receipt.token)).toEqual({ status: 'received' });
    const page = await inbox(server.editors[0]!);
    expect(page.items).toHaveLength(1);
    expect(page.withdrawn).toHaveLength(1);
  });

  it('answers every status and "unknown" with bodies of one length', async () => {
    const { receipt } = await submitStory('length');
    const [item] = (await inbox(server.editors[0]!)).items;
    const lengths = new Set<number>();
    const answer = async (token: Uint8Array, action = 'status') =>
      lengths.add((await (await server.request('/api/v1/receipts/status', postJson({ token: b64uEncode(token), action }))).text()).length);
    await answer(newReceipt().token);
    await answer(receipt.token);
    for (const status of ['in_review', 'published', 'declined'] as const) {
      expect((await setStatus(server.editors[0]!, item!.id, status)).status).toBe(200);
      await answer(receipt.token);
    }
    await answer(receipt.token, 'withdraw');
    expect(lengths.size).toBe(1);
  });

  it('refuses bad input with 400', async () => {
    for (const body of [{ token: 'x', action: 'status' }, { token: b64uEncode(newReceipt().token), action: 'delete' }, { token: b64uEncode(newReceipt().token) }]) {
      const response = await server.request('/api/v1/receipts/status', postJson(body));
      expect(response.status).toBe(400);
    }
  });
});

describe('editor API', () => {
  it('pages the inbox oldest first and returns only what this editor has not acknowledged', async () => {
    const envelopes = new Set<string>();
    for (let i = 0; i < 5; i++) envelopes.add(b64uEncode((await submitStory(`story ${i}`)).envelope));
    server.clock.ms += 86_400_000;
    envelopes.add(b64uEncode((await submitStory('next day')).envelope));
    const [alice, bob] = server.editors as [TestEditor, TestEditor];

    const first = await inbox(alice, '?limit=4');
    expect(first.items).toHaveLength(4);
    expect(first.remaining).toBe(2);
    expect(first.items.every((item) => item.day === '2026-11-20')).toBe(true);
    const second = await inbox(alice, `?limit=4&after=${first.next}`);
    expect(second.items.map((i) => i.day)).toEqual(['2026-11-20', '2026-11-21']);
    expect(second.next).toBeNull();
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((i) => i.envelope))).toEqual(envelopes);

    const ackFirst = await ack(alice, first.items.map((i) => i.id));
    expect(await ackFirst.json()).toEqual({ acknowledged: 4, erased: 0 });
    expect((await inbox(alice)).items).toHaveLength(2);
    expect((await inbox(bob)).items).toHaveLength(6);
  });

  it('erases an envelope once every editor acknowledged it; the receipt still answers', async () => {
    const { receipt } = await submitStory();
    const [alice, bob] = server.editors as [TestEditor, TestEditor];
    const [item] = (await inbox(alice)).items;
    expect(await (await ack(alice, [item!.id])).json()).toEqual({ acknowledged: 1, erased: 0 });
    expect(await (await ack(alice, [item!.id])).json()).toEqual({ acknowledged: 0, erased: 0 });
    expect(await (await ack(bob, [item!.id])).json()).toEqual({ acknowledged: 1, erased: 1 });
    expect((await inbox(bob)).items).toHaveLength(0);
    expect(await server.store.usedBytes()).toBe(128);
    expect(await receiptStatus(receipt.token)).toEqual({ status: 'received' });
    expect((await setStatus(alice, item!.id, 'published')).status).toBe(200);
    expect(await receiptStatus(receipt.token)).toEqual({ status: 'published' });
  });

  it('sets statuses; 404 for unknown ids, 409 for withdrawn ones, 400 for the submitter-only status', async () => {
    const { receipt } = await submitStory();
    const [alice] = server.editors as [TestEditor];
    const [item] = (await inbox(alice)).items;
    expect((await setStatus(alice, item!.id, 'in_review')).status).toBe(200);
    expect(await receiptStatus(receipt.token)).toEqual({ status: 'in_review' });
    expect((await setStatus(alice, b64uEncode(new Uint8Array(16)), 'declined')).status).toBe(404);
    expect((await setStatus(alice, item!.id, 'withdrawn')).status).toBe(400);
    await receiptStatus(receipt.token, 'withdraw');
    const conflict = await setStatus(alice, item!.id, 'published');
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual(apiError('withdrawn').body);
  });

  it('refuses missing, forged, expired, replayed and unknown-editor signatures', async () => {
    const [alice] = server.editors as [TestEditor];
    const expect401 = async (init: RequestInit, code: ApiErrorCode, path = '/api/v1/inbox') => {
      const response = await server.request(path, init);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(apiError(code).body);
    };
    await expect401({}, 'signature_required');
    await expect401(signed(makeEditors(1)[0]!, 'GET', '/api/v1/inbox', undefined, nowS()), 'unknown_editor');
    await expect401(signed(alice, 'GET', '/api/v1/inbox', undefined, nowS() - SIGNATURE_WINDOW_S - 1), 'request_expired');
    await expect401(signed(alice, 'GET', '/api/v1/inbox', undefined, nowS() + SIGNATURE_WINDOW_S + 1), 'request_expired');
    // Inside the window but signed before this server started: a restart forgot the nonces.
    await expect401(signed(alice, 'GET', '/api/v1/inbox', undefined, nowS() - 10), 'request_expired');
    // Signed for another path, another query, another body, or by another key.
    await expect401(signed(alice, 'GET', '/api/v1/inbox?limit=1', undefined, nowS()), 'bad_signature');
    await expect401(signed(alice, 'GET', '/api/v1/inbox', undefined, nowS()), 'bad_signature', '/api/v1/inbox?limit=1');
    const ackInit = signed(alice, 'POST', '/api/v1/inbox/ack', { ids: [b64uEncode(new Uint8Array(16))] }, nowS());
    await expect401({ ...ackInit, body: JSON.stringify({ ids: [b64uEncode(new Uint8Array(16).fill(1))] }) }, 'bad_signature', '/api/v1/inbox/ack');
    const stolen = signed(makeEditors(1)[0]!, 'GET', '/api/v1/inbox', undefined, nowS());
    await expect401({ headers: { ...(stolen.headers as Record<string, string>), 'sotto-key-id': alice.keyIdHex } }, 'bad_signature');
    const signature = (signed(alice, 'GET', '/api/v1/inbox', undefined, nowS()).headers as Record<string, string>)['sotto-signature']!;
    const flipped = b64uDecode(signature);
    flipped[0]! ^= 1;
    await expect401({ headers: { ...(signed(alice, 'GET', '/api/v1/inbox', undefined, nowS()).headers as Record<string, string>), 'sotto-signature': b64uEncode(flipped) } }, 'bad_signature');

    const once = signed(alice, 'GET', '/api/v1/inbox', undefined, nowS());
    expect((await server.request('/api/v1/inbox', once)).status).toBe(200);
    await expect401(once, 'request_replayed');
  });

  it('refuses bad editor input with 400', async () => {
    const [alice] = server.editors as [TestEditor];
    for (const query of ['?limit=0', `?limit=${INBOX_PAGE_MAX + 1}`, '?limit=x', '?after=nope', '?other=1']) {
      const path = `/api/v1/inbox${query}`;
      expect((await server.request(path, signed(alice, 'GET', path, undefined, nowS()))).status).toBe(400);
    }
    for (const body of [{ ids: [] }, { ids: ['short'] }, { ids: Array(INBOX_PAGE_MAX + 1).fill(b64uEncode(new Uint8Array(16))) }, { id: 'x' }]) {
      expect((await ack(alice, body.ids as string[] ?? [])).status).toBe(400);
    }
    expect((await setStatus(alice, 'short', 'published')).status).toBe(400);
  });

  it('serves pages and takes acknowledgements of INBOX_PAGE_MAX', async () => {
    const [alice] = server.editors as [TestEditor];
    const path = `/api/v1/inbox?limit=${INBOX_PAGE_MAX}`;
    expect((await server.request(path, signed(alice, 'GET', path, undefined, nowS()))).status).toBe(200);
    const unknownIds = Array.from({ length: INBOX_PAGE_MAX }, (_, i) => b64uEncode(new Uint8Array(16).fill(i % 256)));
    const answer = await ack(alice, unknownIds);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ acknowledged: 0, erased: 0 });
  });
});
