// Story messages (docs/API.md "Messages"; crypto/message.ts): editors' replies and authors'
// answers. The server checks only a message's size and recipients, stores it with the UTC day
// under the story's random id, and finds the author's story by the receipt verifier, exactly as
// the status route does: never the receipt itself, and nothing about who sent a message.

import type { Context, Hono } from 'hono';
import * as z from 'zod';
import { b64uDecode, b64uEncode } from '../crypto/bytes.ts';
import { b64uLength, DAY_PATTERN, ID_BYTES, ID_PATTERN } from '../crypto/contract.ts';
import { checkMessageEnvelope, messageEnvelopeBytes } from '../crypto/message.ts';
import { verifierOf } from '../crypto/receipt.ts';
import { utcDay } from '../node-lib/utc-day.ts';
import type { EditorVariables } from './editor-auth.ts';
import { jsonError } from './errors.ts';
import { b64uBytes, readJson } from './json-body.ts';
import { chargeFor, type AddMessageResult, type StoredMessage, type StoryRef, type SubmissionStore } from './store.ts';
import { REFUSED_SOLUTION_ERRORS, type ChallengeBook } from './challenge.ts';
import type { Editors } from './editors.ts';
import type { Intake } from './intake.ts';
import type { PowPrice } from './pow-price.ts';

/** The most messages a story keeps: the author's answer is padded to this many, so it must stay
 * small; enough for the few questions a story needs before it can be published. */
export const MAX_MESSAGES_PER_STORY = 24;

interface MessageDeps {
  editors: Editors;
  store: SubmissionStore;
  nowMs: () => number;
  /** The quota, which messages count against like envelopes. */
  intake: Intake;
}
interface AnswerDeps extends MessageDeps {
  challenges: ChallengeBook;
  price: PowPrice;
}

const MESSAGE_CURSOR = new RegExp(`^(${DAY_PATTERN.source.slice(1, -1)})\\.(${ID_PATTERN.source.slice(1, -1)})\\.([1-9][0-9]{0,8})$`);
const MessagesQuerySchema = z.strictObject({
  since: z.string().regex(DAY_PATTERN).default('0000-01-01'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z.string().regex(MESSAGE_CURSOR).optional(),
});

/** The one envelope field of both posting routes: length checked before any decoding. */
function envelopeField(editorCount: number) {
  return z.string().length(b64uLength(messageEnvelopeBytes(editorCount)));
}

/** Decodes and checks a message envelope: undefined unless it is one for these editors. */
function messageEnvelope(encoded: string, deps: MessageDeps): Uint8Array | undefined {
  let bytes: Uint8Array;
  try {
    bytes = b64uDecode(encoded);
  } catch {
    return undefined;
  }
  return checkMessageEnvelope(bytes, deps.editors.keyIds) ? bytes : undefined;
}

async function store(c: Context, deps: MessageDeps, story: StoryRef, envelope: Uint8Array): Promise<Response> {
  if (!(await deps.intake.hasRoomFor(chargeFor(envelope.length)))) return jsonError(c, 'storage_full');
  const result: AddMessageResult = await deps.store.addMessage(story, {
    day: utcDay(deps.nowMs()),
    envelope,
    maxMessages: MAX_MESSAGES_PER_STORY,
  });
  if (result === 'unknown') return jsonError(c, 'unknown_submission');
  if (result === 'withdrawn') return jsonError(c, 'withdrawn');
  if (result === 'conversation-full') return jsonError(c, 'conversation_full');
  return c.json({ ok: true }, 201);
}

/** Signed routes under /api/v1/inbox (editorAuth already ran): post a reply, read messages. */
export function editorMessageRoutes(api: Hono<{ Variables: EditorVariables }>, deps: MessageDeps): void {
  const ReplySchema = z.strictObject({ id: b64uBytes(ID_BYTES), envelope: envelopeField(deps.editors.keys.length) });

  api.post('/messages', async (c) => {
    const body = await readJson(c, ReplySchema);
    if (!body.ok) return jsonError(c, body.code, body.error);
    const envelope = messageEnvelope(body.value.envelope, deps);
    if (!envelope) return jsonError(c, 'invalid_envelope');
    return store(c, deps, { id: body.value.id }, envelope);
  });

  api.get('/messages', async (c) => {
    const query = MessagesQuerySchema.safeParse(c.req.query());
    if (!query.success) return jsonError(c, 'invalid_query');
    const { since, limit, after } = query.data;
    let cursor;
    if (after !== undefined) {
      const [, day, id, seq] = MESSAGE_CURSOR.exec(after)!;
      const story = b64uBytes(ID_BYTES).safeParse(id);
      if (!story.success) return jsonError(c, 'invalid_query');
      cursor = { day: day!, story: story.data, seq: Number(seq) };
    }
    const items = await deps.store.messagesSince({ sinceDay: since, after: cursor, limit });
    const last = items.at(-1);
    return c.json({
      items: items.map((m) => ({ id: b64uEncode(m.story), seq: m.seq, day: m.day, envelope: b64uEncode(m.envelope) })),
      next: last && items.length === limit ? `${last.day}.${b64uEncode(last.story)}.${last.seq}` : null,
    });
  });
}

/** Public routes under /api/v1/receipts: the author reads the conversation and answers. */
export function authorMessageRoutes(api: Hono, deps: AnswerDeps): void {
  const editorCount = deps.editors.keys.length;
  const TokenSchema = z.strictObject({ token: b64uBytes(32) });
  const AnswerSchema = z.strictObject({
    token: b64uBytes(32),
    envelope: envelopeField(editorCount),
    challenge: z.string().max(256),
    nonce: z.string().max(16),
  });
  const padTo = conversationAnswerLength(editorCount);

  // Known and unknown tokens take the same path and get answers of the same length.
  api.post('/receipts/messages', async (c) => {
    const body = await readJson(c, TokenSchema);
    if (!body.ok) return jsonError(c, body.code, body.error);
    const messages = await deps.store.messagesOf({ verifier: verifierOf(body.value.token) });
    return c.json(paddedConversation(messages, padTo));
  });

  api.post('/receipts/answer', async (c) => {
    const body = await readJson(c, AnswerSchema);
    if (!body.ok) return jsonError(c, body.code, body.error);
    const { token, challenge, nonce } = body.value;
    const solution = await deps.challenges.redeem(challenge, nonce, deps.nowMs() / 1000);
    if (!solution.ok) return jsonError(c, REFUSED_SOLUTION_ERRORS[solution.reason]);
    const envelope = messageEnvelope(body.value.envelope, deps);
    if (!envelope) return jsonError(c, 'invalid_envelope');
    if (deps.price.sizeClass(envelope.length) > solution.sizeClass) return jsonError(c, 'bad_proof_of_work');
    return store(c, deps, { verifier: verifierOf(token) }, envelope);
  });
}

interface ConversationAnswer {
  messages: { day: string; envelope: string }[];
  padding: string;
}

/** The JSON length of a full conversation: every answer is padded to it. */
function conversationAnswerLength(editorCount: number): number {
  const full = Array.from({ length: MAX_MESSAGES_PER_STORY }, () => ({
    day: '0000-00-00',
    envelope: 'A'.repeat(b64uLength(messageEnvelopeBytes(editorCount))),
  }));
  return JSON.stringify({ messages: full, padding: '' } satisfies ConversationAnswer).length;
}

function paddedConversation(messages: readonly StoredMessage[], length: number): ConversationAnswer {
  const answer: ConversationAnswer = { messages: messages.map((m) => ({ day: m.day, envelope: b64uEncode(m.envelope) })), padding: '' };
  answer.padding = ' '.repeat(Math.max(0, length - JSON.stringify(answer).length));
  return answer;
}
