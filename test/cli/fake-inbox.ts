// A tiny in-process stand-in for the server's editor API (docs/API.md), checking signatures with
// crypto/request-signature.ts, with hooks to hang an acknowledgement (for the interruption test).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { b64uEncode, hexEncode } from '../../crypto/bytes.ts';
import { apiError } from '../../crypto/contract.ts';
import type { Identity } from '../../crypto/identity.ts';
import { keyIdOf } from '../../crypto/key-id.ts';
import { verifyRequestSignature } from '../../crypto/request-signature.ts';

export interface FakeInbox {
  url: string;
  /** ids each editor (key id hex) acknowledged */
  acked: Map<string, Set<string>>;
  withdrawn: string[];
  /** Statuses set through POST /inbox/status, by story id. */
  statuses: Map<string, string>;
  /** When set, acknowledgements after the first `answered` get no answer; `onHang` is called. */
  hangAcks?: { answered: number; onHang: () => void };
  close(): Promise<void>;
}

export async function startFakeInbox(editors: readonly Identity[], items: readonly { id: string; day: string; envelope: Uint8Array }[]): Promise<FakeInbox> {
  const keys = new Map(editors.map((e) => [hexEncode(keyIdOf(e.x25519.publicKey)), e.ed25519.publicKey]));
  const inbox: FakeInbox = { url: '', acked: new Map([...keys.keys()].map((k) => [k, new Set<string>()])), withdrawn: [], statuses: new Map(), close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = new Uint8Array(Buffer.concat(chunks));
      const send = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      const keyId = String(req.headers['sotto-key-id'] ?? '');
      const publicKey = keys.get(keyId);
      if (!publicKey) return send(401, apiError('unknown_editor').body);
      const ok = verifyRequestSignature({
        method: req.method!, pathAndQuery: req.url!, body, keyIdHex: keyId, ed25519PublicKey: publicKey,
        timestamp: String(req.headers['sotto-timestamp']), nonce: String(req.headers['sotto-nonce']), signature: String(req.headers['sotto-signature']),
      });
      if (!ok) return send(401, apiError('bad_signature').body);
      const url = new URL(req.url!, 'http://x');
      const mine = inbox.acked.get(keyId)!;
      if (req.method === 'GET' && url.pathname === '/api/v1/inbox') {
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const after = url.searchParams.get('after');
        let pending = items.filter((i) => !mine.has(i.id));
        if (after) pending = pending.slice(pending.findIndex((i) => i.id === after) + 1);
        const page = pending.slice(0, limit);
        const remaining = pending.length - page.length;
        return send(200, {
          items: page.map((i) => ({ id: i.id, day: i.day, envelope: b64uEncode(i.envelope) })),
          next: remaining > 0 ? page[page.length - 1]!.id : null,
          remaining,
          withdrawn: inbox.withdrawn,
        });
      }
      if (req.method === 'POST' && url.pathname === '/api/v1/inbox/ack') {
        const hang = inbox.hangAcks;
        if (hang && hang.answered-- <= 0) return hang.onHang();
        const { ids } = JSON.parse(Buffer.from(body).toString('utf8')) as { ids: string[] };
        for (const id of ids) mine.add(id);
        return send(200, { acknowledged: ids.length, erased: 0 });
      }
      if (req.method === 'POST' && url.pathname === '/api/v1/inbox/status') {
        const { id, status } = JSON.parse(Buffer.from(body).toString('utf8')) as { id: string; status: string };
        if (!items.some((i) => i.id === id)) return send(404, apiError('unknown_submission').body);
        if (inbox.withdrawn.includes(id)) return send(409, apiError('withdrawn').body);
        inbox.statuses.set(id, status);
        return send(200, { ok: true });
      }
      return send(404, apiError('not_found').body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  inbox.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  inbox.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return inbox;
}
