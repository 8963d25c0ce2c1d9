// Signed requests to the server's editor API (docs/API.md "Editor requests"). Only `pull` and
// `status push` construct this, which is what keeps every other command offline.

import * as z from 'zod';
import { utf8Encode } from '../crypto/bytes.ts';
import { DAY_PATTERN, ID_PATTERN, apiErrorCodeOf, type ApiErrorCode, type EditorStatus } from '../crypto/contract.ts';
import { signRequest } from '../crypto/request-signature.ts';
import { b64uDecodeNative } from '../node-lib/b64u-native.ts';
import { CliError } from './errors.ts';
import { safeLine, truncate } from './terminal.ts';
import type { StoredEnvelope } from './vault.ts';

const TIMEOUT_MS = 120_000;

const InboxSchema = z.object({
  items: z.array(z.object({ id: z.string().regex(ID_PATTERN), day: z.string().regex(DAY_PATTERN), envelope: z.string() })),
  next: z.string().nullable(),
  remaining: z.number().int().nonnegative(),
  withdrawn: z.array(z.string().regex(ID_PATTERN)),
});
const AckSchema = z.object({ acknowledged: z.number().int(), erased: z.number().int() });
const ConfigSchema = z.object({ demo: z.boolean() });

export interface InboxPage {
  items: StoredEnvelope[];
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

export class EditorClient {
  constructor(
    private readonly server: string,
    /** The Ed25519 seed that signs requests: from a full or a pull-only key. */
    private readonly ed25519Seed: Uint8Array,
    private readonly keyIdHex: string,
  ) {}

  /** Throws CliError for a failed request, except for statuses listed in `answers`. */
  private async request(method: 'GET' | 'POST', path: string, body?: unknown, answers: readonly number[] = []): Promise<{ status: number; json: unknown }> {
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
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: text, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      throw new CliError(`could not reach the server at ${this.server}`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok && !answers.includes(response.status)) {
      const error = (json as { error?: unknown } | null)?.error;
      throw refusal(response.status, apiErrorCodeOf(json), typeof error === 'string' ? truncate(safeLine(error), 120) : '');
    }
    return { status: response.status, json };
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
        return { id: item.id, day: item.day, envelope: b64uDecodeNative(item.envelope) };
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

  async ack(ids: readonly string[]): Promise<{ acknowledged: number; erased: number }> {
    return this.parse(AckSchema, (await this.request('POST', '/api/v1/inbox/ack', { ids })).json);
  }

  /** 'unknown' (404) and 'withdrawn' (409) are answers, not failures: the caller reports them. */
  async setStatus(id: string, status: EditorStatus): Promise<'ok' | 'unknown' | 'withdrawn'> {
    const answer = await this.request('POST', '/api/v1/inbox/status', { id, status }, [404, 409]);
    return answer.status === 404 ? 'unknown' : answer.status === 409 ? 'withdrawn' : 'ok';
  }
}
