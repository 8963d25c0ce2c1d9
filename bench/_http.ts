// JSON POSTs for the flood benchmark's clients. The server closes a keep-alive connection after
// 5 s idle (server/main.ts), and a client that solved for longer may send into that socket just
// as it closes: such a request never reached a handler, so it is sent once more.

const CLOSED_SOCKET = ['UND_ERR_SOCKET', 'EPIPE', 'ECONNRESET'];

export interface JsonAnswer {
  status: number;
  body: unknown;
}

export async function postJson(url: string, body?: unknown): Promise<JsonAnswer> {
  const send = () => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    if (!CLOSED_SOCKET.includes((error as { cause?: { code?: string } }).cause?.code ?? '')) throw error;
    response = await send();
  }
  return { status: response.status, body: await response.json().catch(() => null) };
}
