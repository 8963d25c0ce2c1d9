// JSON POSTs for the flood benchmark's clients, each on a connection of its own (agent: false):
// the server closes a keep-alive connection after 5 s idle (server/main.ts), and a client that
// solved for longer would otherwise send into a socket as it closes.

import http from 'node:http';

export interface JsonAnswer {
  status: number;
  body: unknown;
}

export function postJson(url: string, body?: unknown): Promise<JsonAnswer> {
  const text = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          // not JSON: the status says enough
        }
        resolve({ status: response.statusCode ?? 0, body: parsed });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(text);
  });
}
