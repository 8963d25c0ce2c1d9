// The message routes in process (docs/API.md "Messages"): an editor's signed reply, the author's
// padded read and answer with a solved challenge, and every refusal changing nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { b64uDecode, b64uEncode } from '../crypto/bytes.ts';
import { sealEnvelope } from '../crypto/envelope-noble.ts';
import { encodeMessage } from '../crypto/message.ts';
import { sealReply } from '../crypto/message-reply.ts';
import { openMessageNoble, sealAnswer } from '../crypto/message-seal.ts';
import type { ReceiptSecrets } from '../crypto/receipt.ts';
import { MAX_MESSAGES_PER_STORY } from './messages-api.ts';
import {
  createTestServer, envelopeFor, newReceipt, postJson, sendStory, signed, solvedChallenge, type TestEditor, type TestServer,
} from '../test/support/server.ts';

let server: TestServer;
beforeEach(() => {
  server = createTestServer({ editors: 2 });
});
afterEach(() => server.close());

const nowS = () => Math.floor(server.clock.ms / 1000);
const editorKeys = () => server.editors.map((e) => e.identity.x25519.publicKey);
const to = (receipt: ReceiptSecrets) => ({ editorX25519PublicKeys: editorKeys(), authorReplyKey: receipt.reply.publicKey });

async function submitStory(): Promise<{ receipt: ReceiptSecrets; id: string }> {
  const { receipt } = await sendStory(server, 'story');
  const path = '/api/v1/inbox';
  const inbox = (await (await server.request(path, signed(server.editors[0]!, 'GET', path, undefined, nowS()))).json()) as { items: { id: string }[] };
  return { receipt, id: inbox.items.at(-1)!.id };
}

function replyEnvelope(editor: TestEditor, id: string, receipt: ReceiptSecrets, text = 'Можно без названия?'): Uint8Array {
  return sealReply(b64uDecode(id), text, { x25519PublicKey: editor.identity.x25519.publicKey, ed25519Seed: editor.identity.ed25519.secretKey }, to(receipt));
}
const postReply = (editor: TestEditor, body: unknown) =>
  server.request('/api/v1/inbox/messages', signed(editor, 'POST', '/api/v1/inbox/messages', body, nowS()));
const readConversation = async (token: Uint8Array) => {
  const response = await server.request('/api/v1/receipts/messages', postJson({ token: b64uEncode(token) }));
  expect(response.status).toBe(200);
  const text = await response.text();
  return { length: text.length, messages: (JSON.parse(text) as { messages: { day: string; envelope: string }[] }).messages };
};
async function postAnswer(receipt: ReceiptSecrets, envelope: Uint8Array, token = receipt.token) {
  const work = await solvedChallenge(server.request, envelope.length);
  return server.request('/api/v1/receipts/answer', postJson({ token: b64uEncode(token), envelope: b64uEncode(envelope), ...work }));
}
async function editorMessages(editor: TestEditor, query = '') {
  const path = `/api/v1/inbox/messages${query}`;
  const response = await server.request(path, signed(editor, 'GET', path, undefined, nowS()));
  expect(response.status).toBe(200);
  return (await response.json()) as { items: { id: string; seq: number; day: string; envelope: string }[]; next: string | null };
}
const codeOf = async (response: Response) => ((await response.json()) as { code?: string }).code;

describe('story messages over the API', () => {
  it('an editor replies, the author reads it with the token and answers, the editors read both', async () => {
    const { receipt, id } = await submitStory();
    const writer = server.editors[1]!;
    expect((await postReply(writer, { id, envelope: b64uEncode(replyEnvelope(writer, id, receipt)) })).status).toBe(201);
    server.clock.ms += 86_400_000;
    expect((await postAnswer(receipt, sealAnswer('Да, можно.', to(receipt)))).status).toBe(201);

    const { messages } = await readConversation(receipt.token);
    expect(messages.map((m) => m.day)).toEqual(['2026-11-20', '2026-11-21']);
    const key = { x25519PublicKey: receipt.reply.publicKey, x25519SecretKey: receipt.reply.secretKey };
    expect(messages.map((m) => openMessageNoble(b64uDecode(m.envelope), key).text)).toEqual(['Можно без названия?', 'Да, можно.']);

    const page = await editorMessages(server.editors[0]!);
    expect(page.items.map((m) => [m.id, m.seq, m.day])).toEqual([[id, 1, '2026-11-20'], [id, 2, '2026-11-21']]);
    expect((await editorMessages(server.editors[0]!, '?since=2026-11-21')).items.map((m) => m.seq)).toEqual([2]);
    const first = await editorMessages(server.editors[0]!, '?limit=1');
    expect(first.next).toBe(`2026-11-20.${id}.1`);
    expect((await editorMessages(server.editors[0]!, `?limit=1&after=${first.next}`)).items.map((m) => m.seq)).toEqual([2]);
  });

  it('answers every conversation, an unknown token\'s included, with one length', async () => {
    const { receipt, id } = await submitStory();
    const lengths = new Set<number>();
    lengths.add((await readConversation(newReceipt().token)).length);
    lengths.add((await readConversation(receipt.token)).length);
    for (let i = 0; i < 3; i++) {
      expect((await postReply(server.editors[0]!, { id, envelope: b64uEncode(replyEnvelope(server.editors[0]!, id, receipt)) })).status).toBe(201);
      lengths.add((await readConversation(receipt.token)).length);
    }
    expect(lengths.size).toBe(1);
    expect((await readConversation(newReceipt().token)).messages).toEqual([]);
    expect((await readConversation(receipt.verifier)).messages).toEqual([]); // the verifier is not the token
  });

  it('refuses what is not a message for these editors, and changes nothing', async () => {
    const { receipt, id } = await submitStory();
    const used = await server.store.usedBytes();
    const onlyEditors = sealEnvelope(encodeMessage({ kind: 'answer', text: 'x' }), editorKeys());
    const bigger = sealEnvelope(new Uint8Array(5000), [...editorKeys(), receipt.reply.publicKey]);
    for (const envelope of [onlyEditors, bigger, envelopeFor(server.editors, 'a story')]) {
      expect((await postReply(server.editors[0]!, { id, envelope: b64uEncode(envelope) })).status).toBe(400);
      expect((await postAnswer(receipt, envelope)).status).toBe(400);
    }
    const good = b64uEncode(replyEnvelope(server.editors[0]!, id, receipt));
    expect(await codeOf(await postReply(server.editors[0]!, { id: b64uEncode(new Uint8Array(16)), envelope: good }))).toBe('unknown_submission');
    expect(await codeOf(await postAnswer(newReceipt(), sealAnswer('x', to(receipt))))).toBe('unknown_submission');
    const unsigned = await server.request('/api/v1/inbox/messages', postJson({ id, envelope: good }));
    expect(await codeOf(unsigned)).toBe('signature_required');
    const noWork = await server.request('/api/v1/receipts/answer', postJson({ token: b64uEncode(receipt.token), envelope: good, challenge: 'x', nonce: '1' }));
    expect(noWork.status).toBe(403);
    expect(await server.store.usedBytes()).toBe(used);
    expect(await server.store.messagesOf({ verifier: receipt.verifier })).toEqual([]);
  });

  it('a withdrawn story has no messages left and takes no new ones; a full conversation takes no more', async () => {
    const { receipt, id } = await submitStory();
    const reply = () => postReply(server.editors[0]!, { id, envelope: b64uEncode(replyEnvelope(server.editors[0]!, id, receipt)) });
    for (let i = 0; i < MAX_MESSAGES_PER_STORY; i++) expect((await reply()).status).toBe(201);
    expect(await codeOf(await reply())).toBe('conversation_full');
    expect(await codeOf(await postAnswer(receipt, sealAnswer('x', to(receipt))))).toBe('conversation_full');

    await server.request('/api/v1/receipts/status', postJson({ token: b64uEncode(receipt.token), action: 'withdraw' }));
    expect((await readConversation(receipt.token)).messages).toEqual([]);
    expect((await editorMessages(server.editors[0]!)).items).toEqual([]);
    expect(await codeOf(await reply())).toBe('withdrawn');
    expect(await codeOf(await postAnswer(receipt, sealAnswer('x', to(receipt))))).toBe('withdrawn');
  });

  it('refuses bad queries and bodies with 400', async () => {
    const { receipt } = await submitStory();
    for (const query of ['?since=yesterday', '?limit=0', '?after=nope', '?other=1']) {
      const path = `/api/v1/inbox/messages${query}`;
      expect((await server.request(path, signed(server.editors[0]!, 'GET', path, undefined, nowS()))).status).toBe(400);
    }
    for (const body of [{}, { token: 'x' }, { token: b64uEncode(receipt.token), extra: 1 }]) {
      expect((await server.request('/api/v1/receipts/messages', postJson(body))).status).toBe(400);
    }
  });
});
