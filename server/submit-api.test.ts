import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { b64uDecode, b64uEncode, utf8Decode, utf8Encode } from '../crypto/bytes.ts';
import { API_ERRORS, type ApiErrorCode } from '../crypto/contract.ts';
import { meetsDifficulty } from '../crypto/pow.ts';
import { CHALLENGE_LIFETIME_S } from './challenge.ts';
import { AdaptiveDifficulty } from './difficulty.ts';
import {
  createTestServer, envelopeFor, makeEditors, newReceipt, postJson, submissionBody, type TestServer,
} from '../test/support/server.ts';

let server: TestServer;
beforeEach(() => {
  server = createTestServer({ editors: 2 });
});
afterEach(() => server.close());

const submit = (body: unknown) => server.request('/api/v1/submissions', postJson(body));
const validEnvelope = () => envelopeFor(server.editors, 'a story');

async function expectError(response: Response, status: number, error: string | RegExp): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: string; code: ApiErrorCode };
  expect(Object.keys(body)).toEqual(['error', 'code']);
  expect(body.error).toMatch(error);
  // The code is the contract (crypto/contract.ts): it names an error of this status.
  expect(API_ERRORS[body.code][0]).toBe(status);
}

describe('GET /api/v1/config', () => {
  it('lists the editors, the limits and the difficulty', async () => {
    const response = await server.request('/api/v1/config');
    expect(response.status).toBe(200);
    const config = (await response.json()) as Record<string, unknown>;
    expect(config).toMatchObject({ version: 1, editors: server.editors.map((e) => e.line), pow: { difficulty: 1 } });
    expect(config.keySetFingerprint).toBe(server.config.fingerprint);
    expect(config.maxPayloadBytes).toBe(1024 * 1024);
    expect(config.maxEnvelopeBytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(config.demo).toBe(false);
  });

  it('says so in demo mode', async () => {
    const demo = createTestServer({ demo: true });
    try {
      expect(await (await demo.request('/api/v1/config')).json()).toMatchObject({ demo: true });
    } finally {
      demo.close();
    }
  });
});

describe('POST /api/v1/challenge', () => {
  it('answers a signed, expiring challenge', async () => {
    const response = await server.request('/api/v1/challenge', { method: 'POST' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { challenge: string; difficulty: number; expiresAt: number };
    expect(body.difficulty).toBe(1);
    expect(body.expiresAt).toBe(server.clock.ms / 1000 + CHALLENGE_LIFETIME_S);
    const payload = JSON.parse(utf8Decode(b64uDecode(body.challenge.split('.')[0]!))) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['b', 'd', 'exp', 'iat', 'id', 'k', 's', 'v']);
  });
});

describe('proof-of-work price (pow-price.ts)', () => {
  const difficultyNow = async () => ((await (await server.request('/api/v1/config')).json()) as { pow: { difficulty: number } }).pow.difficulty;
  const challengeFor = async (envelopeBytes: number) =>
    (await (await server.request('/api/v1/challenge', postJson({ envelopeBytes }))).json()) as { challenge: string; difficulty: number };

  it('prices the work by the envelope size the challenge is asked for', async () => {
    const small = validEnvelope();
    const large = envelopeFor(server.editors, 'x'.repeat(100_000)); // the 128 KiB bucket: 4 more bits
    expect((await challengeFor(small.length)).difficulty).toBe(1);
    expect((await challengeFor(large.length)).difficulty).toBe(5);
    await expectError(await server.request('/api/v1/challenge', postJson({ envelopeBytes: 0 })), 400, 'invalid envelopeBytes');
    await expectError(await server.request('/api/v1/challenge', postJson({ envelopeBytes: 10 ** 9 })), 400, 'invalid envelopeBytes');
    await expectError(await server.request('/api/v1/challenge', postJson({ size: 1 })), 400, /invalid/);
  });

  it('refuses an envelope larger than the challenge was priced for, and stores nothing', async () => {
    const large = envelopeFor(server.editors, 'x'.repeat(100_000));
    const receipt = newReceipt();
    const body = { ...(await submissionBody(server.request, validEnvelope(), receipt)), envelope: b64uEncode(large) };
    await expectError(await submit(body), 403, 'proof of work is not valid');
    expect(await server.store.statusOf(receipt.verifier)).toBeUndefined();
  });

  it('counts only stored submissions: solutions attached to junk do not move the difficulty', async () => {
    await server.close();
    server = createTestServer({ editors: 2, difficulty: new AdaptiveDifficulty(1, 1 / 60) }); // calm: one a minute
    for (let i = 0; i < 40; i++) {
      const body = await submissionBody(server.request, validEnvelope());
      const junk = new Uint8Array(b64uDecode(body.envelope!));
      junk[0]! ^= 1; // bad magic
      await expectError(await submit({ ...body, envelope: b64uEncode(junk) }), 400, 'envelope is not valid');
    }
    expect(await difficultyNow()).toBe(1);
    for (let i = 0; i < 60; i++) expect((await submit(await submissionBody(server.request, validEnvelope()))).status).toBe(201);
    expect(await difficultyNow()).toBe(3); // 60 in a moment: 6× the calm rate, capped at 2 bits
  });
});

describe('POST /api/v1/submissions', () => {
  it('stores a valid submission and answers 201 {ok:true} once it is durable', async () => {
    const receipt = newReceipt();
    const response = await submit(await submissionBody(server.request, validEnvelope(), receipt));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(await server.store.statusOf(receipt.verifier)).toBe('received');
  });

  it('refuses malformed JSON, wrong content type, wrong types and unknown keys', async () => {
    const good = await submissionBody(server.request, validEnvelope());
    await expectError(await server.request('/api/v1/submissions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"envelope":' }), 400, 'malformed JSON');
    await expectError(await server.request('/api/v1/submissions', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(good) }), 400, /Content-Type/);
    await expectError(await submit({ ...good, envelope: 42 }), 400, 'invalid envelope');
    await expectError(await submit({ ...good, extra: 'x' }), 400, /invalid/);
    await expectError(await submit([good]), 400, /invalid/);
    await expectError(await submit({ ...good, receiptVerifier: 'short' }), 400, 'invalid receiptVerifier');
    await expectError(await submit({ ...good, receiptVerifier: `${'A'.repeat(42)}B` }), 400, 'invalid receiptVerifier'); // non-canonical
  });

  it.each([
    ['bad base64', () => '!!!not base64!!!'],
    ['wrong magic', () => { const e = validEnvelope(); e[0] = 0x58; return b64uEncode(e); }],
    ['an unknown key id', () => b64uEncode(envelopeFor([server.editors[0]!, ...makeEditors(1)], 'x'))],
    ['too few recipients', () => b64uEncode(envelopeFor([server.editors[0]!], 'x'))],
    ['too many recipients', () => b64uEncode(envelopeFor([...server.editors, ...makeEditors(1)], 'x'))],
    ['a truncated body', () => b64uEncode(validEnvelope().subarray(0, -1))],
  ])('refuses an envelope with %s', async (_, envelope) => {
    const receipt = newReceipt();
    const body = { ...(await submissionBody(server.request, validEnvelope(), receipt)), envelope: envelope() };
    await expectError(await submit(body), 400, 'envelope is not valid');
    expect(await server.store.statusOf(receipt.verifier)).toBeUndefined();
  });

  it('answers 413 for an oversized body before parsing it', async () => {
    const small = createTestServer({ editors: 1, maxEnvelopeBytes: 8192 });
    try {
      const response = await small.request('/api/v1/submissions', postJson({ envelope: 'A'.repeat(20_000) }));
      await expectError(response, 413, 'too large');
    } finally {
      await small.close();
    }
  });

  it('refuses tampered, insufficient, expired and replayed solutions', async () => {
    const body = await submissionBody(server.request, validEnvelope());
    const [payload, mac] = body.challenge!.split('.');
    const forged = b64uEncode(utf8Encode(utf8Decode(b64uDecode(payload!)).replace('"d":1', '"d":0')));
    await expectError(await submit({ ...body, challenge: `${forged}.${mac}` }), 403, 'proof of work is not valid');
    await expectError(await submit({ ...body, challenge: 'garbage' }), 403, 'proof of work is not valid');
    // A nonce that fails difficulty 1 (the first bit of its hash is 1).
    let wrong = 0;
    while (meetsDifficulty(body.challenge!, String(wrong), 1)) wrong++;
    await expectError(await submit({ ...body, nonce: String(wrong) }), 403, 'proof of work is not valid');
    await expectError(await submit({ ...body, nonce: '01' }), 403, 'proof of work is not valid');

    expect((await submit(body)).status).toBe(201);
    await expectError(await submit({ ...body, receiptVerifier: b64uEncode(newReceipt().verifier) }), 409, 'challenge already used');

    const late = await submissionBody(server.request, validEnvelope());
    server.clock.ms += (CHALLENGE_LIFETIME_S + 1) * 1000;
    await expectError(await submit(late), 403, 'challenge expired');
  });

  it('answers 409 for a receipt verifier already used', async () => {
    const receipt = newReceipt();
    expect((await submit(await submissionBody(server.request, validEnvelope(), receipt))).status).toBe(201);
    await expectError(await submit(await submissionBody(server.request, validEnvelope(), receipt)), 409, 'receipt already used');
  });

  it('lets only one of two concurrent submissions with the same receipt through', async () => {
    const receipt = newReceipt();
    const bodies = await Promise.all([0, 1].map(() => submissionBody(server.request, validEnvelope(), receipt)));
    const statuses = (await Promise.all(bodies.map((b) => submit(b)))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
  });

  it('answers 507 when the storage quota is full, and stores nothing', async () => {
    const tiny = createTestServer({ editors: 1, maxStoreBytes: 10_000 });
    try {
      const envelope = () => envelopeFor(tiny.editors, 'x'); // about 4.2 KB each
      // Challenges fetched while there was room: the submission itself meets the full quota.
      const bodies = [];
      for (let i = 0; i < 3; i++) bodies.push(await submissionBody(tiny.request, envelope()));
      const post = (body: Record<string, string>) => tiny.request('/api/v1/submissions', postJson(body));
      expect((await post(bodies[0]!)).status).toBe(201);
      expect((await post(bodies[1]!)).status).toBe(201);
      const used = await tiny.store.usedBytes();
      await expectError(await post(bodies[2]!), 507, 'storage full');
      expect(await tiny.store.usedBytes()).toBe(used);
      // A new challenge is refused at once, so nobody works for a story that cannot be kept.
      await expectError(await tiny.request('/api/v1/challenge', postJson({ envelopeBytes: envelope().length })), 507, 'storage full');
    } finally {
      await tiny.close();
    }
  });

  it('commits concurrent submissions together and answers each', async () => {
    const receipts = Array.from({ length: 20 }, () => newReceipt());
    const bodies = await Promise.all(receipts.map((r) => submissionBody(server.request, validEnvelope(), r)));
    const responses = await Promise.all(bodies.map((b) => submit(b)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    for (const r of receipts) expect(await server.store.statusOf(r.verifier)).toBe('received');
  });
});
