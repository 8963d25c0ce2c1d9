// The SQLite store on its own thread (server/store-worker.ts), behind the same SubmissionStore
// seam: the event loop only posts calls and receives answers, so no database work, however long,
// delays a request that does not need the database (issue: "long work never blocks the event
// loop"). Calls are answered in the order they were made. The neutral errors of server/store.ts
// cross the thread boundary by name.

import { Worker } from 'node:worker_threads';
import type { SqliteStoreOptions } from './store-sqlite.ts';
import type { StoreAnswer, StoreCall, StoreWorkerData } from './store-worker.ts';
import {
  StoreFullError,
  StoreUnavailableError,
  StoreVersionError,
  type AddMessageResult,
  type EditorStatus,
  type FormerEditor,
  type InboxPage,
  type InboxRequest,
  type InsertResult,
  type MessagesRequest,
  type NewMessage,
  type NewSubmission,
  type NewUpload,
  type Status,
  type StoredMessage,
  type StoryRef,
  type SubmissionStore,
  type TeamRecord,
} from './store.ts';

// From the bundle (dist/server.mjs) the worker is dist/store-worker.mjs (scripts/build.mjs). From the
// TypeScript sources (tests, `node --import tsx`) it is a .ts file, and a worker does not inherit
// the loader: a two-line script registers tsx (a devDependency, present wherever sources run).
const FROM_SOURCES = import.meta.url.endsWith('.ts');

function startWorker(workerData: StoreWorkerData): Worker {
  if (!FROM_SOURCES) return new Worker(new URL('./store-worker.mjs', import.meta.url), { workerData });
  const source = JSON.stringify(new URL('./store-worker.ts', import.meta.url).href);
  // Named through a variable so the bundle holds no import of it (test/server/dist-server.test.ts).
  const loader = JSON.stringify('tsx/esm/api');
  const script = `import(${loader}).then((tsx) => { tsx.register(); return import(${source}); });`;
  return new Worker(script, { eval: true, workerData });
}

function rebuilt(error: { name: string; message: string }): Error {
  if (error.name === 'StoreFullError') return new StoreFullError();
  if (error.name === 'StoreUnavailableError') return new StoreUnavailableError(error.message);
  if (error.name === 'StoreVersionError') return new StoreVersionError(error.message);
  return new Error(error.message);
}

export class ThreadedStore implements SubmissionStore {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  #nextId = 0;
  #closed = false;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (answer: StoreAnswer) => {
      if (answer.id === 'open') return;
      const waiting = this.#waiting.get(answer.id);
      this.#waiting.delete(answer.id);
      if (answer.ok) waiting?.resolve(answer.value);
      else waiting?.reject(rebuilt(answer.error));
    });
    // A thread that died takes nothing acknowledged with it (every answer follows its commit),
    // but every call still waiting fails, and so does every later one.
    worker.on('error', () => {}); // followed by 'exit', handled below; never an uncaught error
    worker.on('exit', () => {
      this.#closed = true;
      for (const waiting of this.#waiting.values()) waiting.reject(new StoreUnavailableError('the store thread stopped'));
      this.#waiting.clear();
    });
  }

  /** Opens the database on a new thread; rejects with the store's own error if it refuses. */
  static async open(file: string, editorKeyIds: readonly string[], options: Omit<SqliteStoreOptions, 'nowMs'> = {}): Promise<ThreadedStore> {
    const workerData: StoreWorkerData = { file, editorKeyIds: [...editorKeyIds], options };
    const worker = startWorker(workerData);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (answer: StoreAnswer) => {
        if (answer.id !== 'open') return;
        worker.off('message', onMessage);
        if (answer.ok) resolve();
        else reject(rebuilt(answer.error));
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', () => reject(new StoreUnavailableError('the store thread stopped while opening')));
    });
    return new ThreadedStore(worker);
  }

  #call<T>(method: keyof SubmissionStore, ...args: unknown[]): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreUnavailableError('the store is closed'));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ id, method, args } satisfies StoreCall);
    });
  }

  usedBytes(): Promise<number> {
    return this.#call('usedBytes');
  }

  insertBatch(items: readonly NewSubmission[]): Promise<InsertResult[]> {
    return this.#call('insertBatch', items);
  }

  statusOf(verifier: Uint8Array): Promise<Status | undefined> {
    return this.#call('statusOf', verifier);
  }

  withdraw(verifier: Uint8Array): Promise<Status | undefined> {
    return this.#call('withdraw', verifier);
  }

  inbox(editor: string, request: InboxRequest): Promise<InboxPage> {
    return this.#call('inbox', editor, request);
  }

  acknowledge(editor: string, ids: readonly Uint8Array[]): Promise<{ acknowledged: number; erased: number }> {
    return this.#call('acknowledge', editor, ids);
  }

  appendTeamRecord(record: Uint8Array, day: string): Promise<number | 'full'> {
    return this.#call('appendTeamRecord', record, day);
  }

  teamLog(after: number, limit: number, maxBytes: number): Promise<TeamRecord[]> {
    return this.#call('teamLog', after, limit, maxBytes);
  }

  setStatus(id: Uint8Array, status: EditorStatus): Promise<'ok' | 'unknown' | 'withdrawn'> {
    return this.#call('setStatus', id, status);
  }

  addMessage(story: StoryRef, message: NewMessage): Promise<AddMessageResult> {
    return this.#call('addMessage', story, message);
  }

  messagesOf(story: StoryRef): Promise<StoredMessage[]> {
    return this.#call('messagesOf', story);
  }

  messagesSince(request: MessagesRequest): Promise<StoredMessage[]> {
    return this.#call('messagesSince', request);
  }

  applyRetention(cutoffDay: string): Promise<number> {
    return this.#call('applyRetention', cutoffDay);
  }

  formerEditors(today: string): Promise<FormerEditor[]> {
    return this.#call('formerEditors', today);
  }

  forgetEditor(editor: string): Promise<number> {
    return this.#call('forgetEditor', editor);
  }

  createUpload(upload: NewUpload, limitBytes: number): Promise<'stored' | 'storage-full'> {
    return this.#call('createUpload', upload, limitBytes);
  }

  uploadFiles(id: Uint8Array): Promise<number[] | undefined> {
    return this.#call('uploadFiles', id);
  }

  putChunk(id: Uint8Array, file: number, chunk: number, bytes: Uint8Array): Promise<boolean> {
    return this.#call('putChunk', id, file, chunk, bytes);
  }

  attachmentChunk(editor: string, id: Uint8Array, file: number, chunk: number): Promise<Uint8Array | undefined> {
    return this.#call('attachmentChunk', editor, id, file, chunk);
  }

  expireUploads(cutoffDay: string): Promise<number> {
    return this.#call('expireUploads', cutoffDay);
  }

  maintain(): Promise<boolean> {
    return this.#call('maintain');
  }

  /** Closes the database (a checkpoint), then the thread. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.#call('close');
    } finally {
      this.#closed = true;
      await this.#worker.terminate();
    }
  }
}
