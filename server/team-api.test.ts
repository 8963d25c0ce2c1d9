// The team log routes (docs/API.md "Team log"): only signed requests of configured editors; a
// record is stored only when it is an envelope sealed to exactly the configured editors; every
// editor reads the log in order from any position; refusals change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { b64uEncode } from '../crypto/bytes.ts';
import { createTestServer, envelopeFor, makeEditors, postJson, signed, type TestEditor, type TestServer } from '../test/support/server.ts';

let server: TestServer;
beforeEach(() => {
  server = createTestServer({ editors: 2 });
});
afterEach(() => server.close());

const nowS = () => Math.floor(server.clock.ms / 1000);
const append = (editor: TestEditor, record: unknown) => server.request('/api/v1/team', signed(editor, 'POST', '/api/v1/team', { record }, nowS()));
async function log(editor: TestEditor, query = ''): Promise<{ seq: number; day: string; record: string }[]> {
  const path = `/api/v1/team${query}`;
  const response = await server.request(path, signed(editor, 'GET', path, undefined, nowS()));
  expect(response.status).toBe(200);
  return ((await response.json()) as { records: { seq: number; day: string; record: string }[] }).records;
}

describe('team log routes', () => {
  it('stores records sealed to the editors and serves them to every editor in order from a position', async () => {
    const [anna, boris] = server.editors;
    const records = ['first', 'second', 'third'].map((text) => b64uEncode(envelopeFor(server.editors, text)));
    const seqs: number[] = [];
    for (const [i, record] of records.entries()) {
      const response = await append(i === 1 ? boris! : anna!, record);
      expect(response.status).toBe(201);
      seqs.push(((await response.json()) as { seq: number }).seq);
    }
    const all = await log(boris!);
    expect(all.map((r) => r.record)).toEqual(records);
    expect(all.map((r) => r.seq)).toEqual(seqs);
    expect(all.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.day))).toBe(true);
    expect((await log(anna!, `?after=${seqs[0]}&limit=1`)).map((r) => r.record)).toEqual([records[1]]);
    expect(await log(anna!, `?after=${seqs[2]}`)).toEqual([]);
  });

  it('refuses records not sealed to exactly the configured editors, and anything not an envelope', async () => {
    const [anna] = server.editors;
    const stranger = makeEditors(1);
    for (const record of [
      b64uEncode(envelopeFor([server.editors[0]!], 'one editor only')),
      b64uEncode(envelopeFor([...server.editors, ...stranger], 'and a stranger')),
      b64uEncode(new Uint8Array(5000)),
      'not base64!',
    ]) {
      const response = await append(anna!, record);
      expect(response.status, record.slice(0, 20)).toBe(400);
      expect(((await response.json()) as { code: string }).code).toMatch(/^(invalid_envelope|invalid_field)$/);
    }
    expect(await log(anna!)).toEqual([]);
  });

  it('answers only signed requests of configured editors', async () => {
    const [stranger] = makeEditors(1);
    const record = b64uEncode(envelopeFor(server.editors, 'story'));
    expect((await server.request('/api/v1/team', postJson({ record }))).status).toBe(401);
    expect((await server.request('/api/v1/team')).status).toBe(401);
    expect((await append(stranger!, record)).status).toBe(401);
    expect(await log(server.editors[0]!)).toEqual([]);
  });

  it('refuses hostile positions and limits with a 400', async () => {
    const [anna] = server.editors;
    for (const query of ['?after=-1', '?after=abc', '?limit=0', '?limit=201', '?x=1']) {
      const path = `/api/v1/team${query}`;
      expect((await server.request(path, signed(anna!, 'GET', path, undefined, nowS()))).status, query).toBe(400);
    }
  });
});
