// Signed requests to the server's editor API (docs/API.md "Editor requests"). Only `pull`,
// `status push`, `reply` and `show --server` construct this, which keeps every other command
// offline.

import * as z from 'zod';
import { b64uDecode, b64uEncode, utf8Encode } from '../crypto/bytes.ts';
import { DAY_PATTERN, ID_PATTERN, apiErrorCodeOf, type ApiErrorCode, type EditorStatus } from '../crypto/contract.ts';
import { signRequest } from '../crypto/request-signature.ts';
import { MAX_ATTACHMENTS, isSealedAttachmentSize } from '../crypto/attachment-format.ts';
import { b64uDecodeNative } from '../node-lib/b64u-native.ts';
import { CliError } from './errors.ts';
import { safeLine, truncate } from './terminal.ts';
import type { StoredEnvelope } from './vault.ts';

const TIMEOUT_MS = 120_000;

const InboxSchema = z.object({
  items: z.array(z.object({
    id: z.string().regex(ID_PATTERN),
    day: z.string().regex(DAY_PATTERN),
    envelope: z.string(),
    // An older server sends none.
    attachments: z.array(z.number().int().refine(isSealedAttachmentSize)).max(MAX_ATTACHMENTS).default([]),
  })),
  next: z.string().nullable(),
  remaining: z.number().int().nonnegative(),
  withdrawn: z.array(z.string().regex(ID_PATTERN)),
});
const AckSchema = z.object({ acknowledged: z.number().int(), erased: z.number().int() });
const ConfigSchema = z.object({ demo: z.boolean() });
const TeamLogSchema = z.object({
  records: z.array(z.object({ seq: z.number().int().positive(), day: z.string().regex(DAY_PATTERN), record: z.string() })),
});
const TeamAppendSchema = z.object({ seq: z.number().int().positive() });
const EditorsSchema = z.object({ editors: z.array(z.string()).min(1) });
const MessagesSchema = z.object({
  items: z.array(z.object({ id: z.string().regex(ID_PATTERN), seq: z.number().int().positive(), day: z.string().regex(DAY_PATTERN), envelope: z.string() })),
  next: z.string().nullable(),
});

export interface ServerMessage {
  id: string;
  seq: number;
  day: string;
  envelope: Uint8Array;
}

export interface InboxItem extends StoredEnvelope {
  /** Sealed sizes of the story's attachments (docs/API.md "GET /api/v1/inbox/attachment"). */
  attachments: number[];
}

export interface InboxPage {
  items: InboxItem[];
  next: string | null;
  remaining: number;
  withdrawn: string[];
}

function refusal(status: number, code: ApiErrorCode | undefined, message: string): CliError {
  if (code === 'unknown_editor') {
    return new CliError('this server does not know your key: you are not one of its editors (ask the operator to add your .pub line)');
  }
  if (code === 'request_expired') return new CliError("the server refused the request as expired: check this computer's clock");
  if (status === 401) return new CliError(`the server refused your signature (${message})`);
  if (status >= 500) return new CliError(`the server had a problem (HTTP ${status}${message ? `: ${message}` : ''}); try again later`);
  return new CliError(`the server refused the request (HTTP ${status}${message ? `: ${message}` : ''})`);
}

/** The CliError for an error answer's status and JSON body. */
function refusalOf(status: number, json: unknown): CliError {
  const error = (json as { error?: unknown } | null)?.error;
  return refusal(status, apiErrorCodeOf(json), typeof error === 'string' ? truncate(safeLine(error), 120) : '');
}

export class EditorClient {
  constructor(
    private readonly server: string,
    /** The Ed25519 seed that signs requests: from a full or a pull-only key. */
    private readonly ed25519Seed: Uint8Array,
    private readonly keyIdHex: string,
  ) {}

  /** Throws CliError for a failed request, except for statuses listed in `answers`. */
  private async request(method: 'GET' | 'POST', path: string, body?: unknown, answers: readonly number[] = []): Promise<{ status: number; json: unknown }> {
    const response = await this.send(method, path, body);
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok && !answers.includes(response.status)) throw refusalOf(response.status, json);
    return { status: response.status, json };
  }

  /** One sealed chunk of attachment `file` of story `id`, exactly `bytes` long. */
  async attachmentChunk(id: string, file: number, chunk: number, bytes: number): Promise<Uint8Array> {
    const response = await this.send('GET', `/api/v1/inbox/attachment?${new URLSearchParams({ id, file: String(file), chunk: String(chunk) })}`);
    if (!response.ok) throw refusalOf(response.status, await response.json().catch(() => null));
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length !== bytes) throw new CliError(`the server sent a piece of an attachment of the wrong size (${id}); it was not acknowledged`);
    return body;
  }

  /** A signed request; throws CliError only when the server cannot be reached. */
  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const url = new URL(this.server + path);
    const text = body === undefined ? undefined : JSON.stringify(body);
    // The string is sent as UTF-8, the same bytes that are signed here.
    const bytes = text === undefined ? new Uint8Array() : utf8Encode(text);
    const headers: Record<string, string> = signRequest({
      method,
      pathAndQuery: url.pathname + url.search,
      body: bytes,
      keyIdHex: this.keyIdHex,
      ed25519SecretKey: this.ed25519Seed,
    });
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(url, { method, headers, body: text, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      throw new CliError(`could not reach the server at ${this.server}`);
    }
  }

  private parse<T>(schema: z.ZodType<T>, json: unknown): T {
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new CliError(`the server at ${this.server} sent an answer sotto-review does not understand (is it a Sotto server?)`);
    return parsed.data;
  }

  async inbox(limit: number, after: string | null): Promise<InboxPage> {
    const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
    const page = this.parse(InboxSchema, (await this.request('GET', `/api/v1/inbox?${query}`)).json);
    const items = page.items.map((item) => {
      try {
        return { id: item.id, day: item.day, envelope: b64uDecodeNative(item.envelope), attachments: item.attachments };
      } catch {
        throw new CliError('the server sent an envelope that is not valid base64url; nothing was acknowledged');
      }
    });
    return { items, next: page.next, remaining: page.remaining, withdrawn: page.withdrawn };
  }

  /** Whether the server says it runs in demo mode (GET /api/v1/config); a server that does not
   * say (an older one) is taken at its word that it is not. */
  async isDemo(): Promise<boolean> {
    const answer = await this.request('GET', '/api/v1/config', undefined, [404]);
    return ConfigSchema.safeParse(answer.json).data?.demo === true;
  }

  /** The editors' public key lines the server seals to (GET /api/v1/config). */
  async editorLines(): Promise<string[]> {
    return this.parse(EditorsSchema, (await this.request('GET', '/api/v1/config')).json).editors;
  }

  /** Every message of story `id`, in order: pages through the messages from the story's day on. */
  async messagesOf(id: string, sinceDay: string): Promise<ServerMessage[]> {
    const found: ServerMessage[] = [];
    let after: string | null = null;
    do {
      const query: URLSearchParams = new URLSearchParams({ since: sinceDay, limit: '100', ...(after ? { after } : {}) });
      const page: z.infer<typeof MessagesSchema> = this.parse(MessagesSchema, (await this.request('GET', `/api/v1/inbox/messages?${query}`)).json);
      for (const item of page.items.filter((m) => m.id === id)) {
        try {
          found.push({ id: item.id, seq: item.seq, day: item.day, envelope: b64uDecode(item.envelope) });
        } catch {
          throw new CliError('the server sent a message that is not valid base64url');
        }
      }
      after = page.next;
    } while (after !== null);
    return found.sort((a, b) => a.seq - b.seq);
  }

  /** Uploads a sealed reply; 'unknown' (404), 'withdrawn' and 'full' (409) are answers. */
  async postReply(id: string, envelope: Uint8Array): Promise<'ok' | 'unknown' | 'withdrawn' | 'full'> {
    const answer = await this.request('POST', '/api/v1/inbox/messages', { id, envelope: b64uEncode(envelope) }, [404, 409]);
    if (answer.status === 404) return 'unknown';
    if (answer.status === 409) return apiErrorCodeOf(answer.json) === 'conversation_full' ? 'full' : 'withdrawn';
    return 'ok';
  }

  async ack(ids: readonly string[]): Promise<{ acknowledged: number; erased: number }> {
    return this.parse(AckSchema, (await this.request('POST', '/api/v1/inbox/ack', { ids })).json);
  }

  /** Team log records after position `after` (docs/API.md "Team log"), in order. */
  async teamLog(after: number): Promise<{ seq: number; record: Uint8Array }[]> {
    const page = this.parse(TeamLogSchema, (await this.request('GET', `/api/v1/team?after=${after}&limit=100`)).json);
    let last = after;
    return page.records.map((item) => {
      if (item.seq <= last) throw new CliError('the server sent the team log out of order; nothing more was taken from it');
      last = item.seq;
      try {
        return { seq: item.seq, record: b64uDecode(item.record) };
      } catch {
        throw new CliError('the server sent a team record that is not valid base64url');
      }
    });
  }

  /** Appends one sealed record; returns its position. */
  async appendTeamRecord(record: Uint8Array): Promise<number> {
    const answer = await this.request('POST', '/api/v1/team', { record: b64uEncode(record) }, [400]);
    if (answer.status === 400) {
      throw new CliError('the server refused a team record: it is sealed to editors other than the server\'s (compare your accepted editor set, `sotto-review editors`, with the server\'s key list)');
    }
    return this.parse(TeamAppendSchema, answer.json).seq;
  }

  /** 'unknown' (404) and 'withdrawn' (409) are answers, not failures: the caller reports them. */
  async setStatus(id: string, status: EditorStatus): Promise<'ok' | 'unknown' | 'withdrawn'> {
    const answer = await this.request('POST', '/api/v1/inbox/status', { id, status }, [404, 409]);
    return answer.status === 404 ? 'unknown' : answer.status === 409 ? 'withdrawn' : 'ok';
  }
}
