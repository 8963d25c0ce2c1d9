// The page's way to talk to the server: same-origin JSON POSTs (docs/API.md "HTTP API").
// No credentials, no referrer, no cache, no redirects (translations.ts fetches with the same options).

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** fetch itself failed: the server could not be reached at all. */
export class NetworkError extends Error {
  constructor() {
    super('network unreachable');
    this.name = 'NetworkError';
  }
}

/** Every request the page makes (here and in translations.ts) carries these. */
export const FETCH_OPTIONS = {
  credentials: 'omit',
  cache: 'no-store',
  redirect: 'error',
  referrerPolicy: 'no-referrer',
} as const satisfies RequestInit;

export async function postJson(path: string, body?: unknown): Promise<ApiAnswer> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...FETCH_OPTIONS,
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new NetworkError();
  }
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // A proxy's HTML error page: the status alone decides.
  }
  return { status: response.status, body: parsed };
}
