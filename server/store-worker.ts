// The thread that owns the SQLite database (server/store-threaded.ts). better-sqlite3 is
// synchronous: run on the main thread, every commit, page read and upkeep step would stop every
// other request while it runs. Here only this thread waits; it runs one call at a time, in order.

import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore, type SqliteStoreOptions } from './store-sqlite.ts';
import type { SubmissionStore } from './store.ts';

export interface StoreWorkerData {
  file: string;
  editorKeyIds: string[];
  options: Omit<SqliteStoreOptions, 'nowMs'>;
}

export type StoreCall = { id: number; method: keyof SubmissionStore; args: unknown[] };
export type StoreAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } }
  | { id: 'open'; ok: true }
  | { id: 'open'; ok: false; error: { name: string; message: string } };

const port = parentPort!;
const { file, editorKeyIds, options } = workerData as StoreWorkerData;

function described(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: 'store error' };
}

let store: SqliteStore;
try {
  store = new SqliteStore(file, editorKeyIds, options);
  port.postMessage({ id: 'open', ok: true } satisfies StoreAnswer);
} catch (error) {
  port.postMessage({ id: 'open', ok: false, error: described(error) } satisfies StoreAnswer);
  process.exit(0);
}

let queue = Promise.resolve();
port.on('message', (call: StoreCall) => {
  // One call at a time: the methods' awaits (retention's pauses) never interleave two writes.
  queue = queue.then(async () => {
    try {
      const value = await (store[call.method] as (...args: unknown[]) => Promise<unknown>)(...call.args);
      port.postMessage({ id: call.id, ok: true, value } satisfies StoreAnswer);
    } catch (error) {
      port.postMessage({ id: call.id, ok: false, error: described(error) } satisfies StoreAnswer);
    }
  });
});
