// Where the server keeps its state, chosen once at start: the embedded SQLite file in the data dir
// (the default), or a PostgreSQL database shared by several instances when SOTTO_DATABASE_URL is
// set (README.md "Several instances on PostgreSQL"). With SQLite, replay caches, the challenge
// secret's file and the submission rate belong to this process; with PostgreSQL all of them live
// in the database, so every instance refuses the same replays and accepts each other's challenges.

import path from 'node:path';
import { MAX_REMEMBERED_SOLUTIONS } from './challenge.ts';
import { AdaptiveDifficulty } from './difficulty.ts';
import { SharedDifficulty } from './difficulty-shared.ts';
import { MAX_REMEMBERED_NONCES } from './editor-auth.ts';
import { MemorySpentTokens } from './memory-spent-tokens.ts';
import { loadOrCreateServerSecret } from './server-secret.ts';
import { PostgresStore } from './store-postgres.ts';
import { ThreadedStore } from './store-threaded.ts';
import type { SpentTokens, SubmissionStore } from './store.ts';

export interface Storage {
  store: SubmissionStore;
  /** HMAC key of the proof-of-work challenges. */
  secret: Uint8Array;
  solutions: SpentTokens;
  editorNonces: SpentTokens;
  /** The adaptive difficulty over the rate this storage sees (one process, or every instance). */
  difficulty: (base: number) => AdaptiveDifficulty;
  /** For the start-up line: which engine, never the URL (it may hold a password). */
  engine: string;
}

/** Opens the configured engine. `reserveBytes`: the SQLite file's reserve for erasures on a full
 * disk (server/store-sqlite.ts). Throws StoreVersionError or the engine's error, with a message
 * fit for one start-up line. */
export async function openStorage(options: { databaseUrl: string | undefined; dataDir: string; editorKeyIds: readonly string[]; reserveBytes: number }): Promise<Storage> {
  const nowS = Date.now() / 1000;
  if (!options.databaseUrl) {
    return {
      // On its own thread, so no database work ever holds up the event loop (server/store-threaded.ts).
      store: await ThreadedStore.open(path.join(options.dataDir, 'sotto.db'), options.editorKeyIds, { reserveBytes: options.reserveBytes }),
      secret: loadOrCreateServerSecret(options.dataDir),
      solutions: new MemorySpentTokens(MAX_REMEMBERED_SOLUTIONS, nowS),
      editorNonces: new MemorySpentTokens(MAX_REMEMBERED_NONCES, nowS),
      difficulty: (base) => new AdaptiveDifficulty(base),
      engine: 'SQLite',
    };
  }
  const store = await PostgresStore.open(options.databaseUrl, options.editorKeyIds);
  return {
    store,
    secret: store.serverSecret,
    solutions: store.spentTokens('pow'),
    editorNonces: store.spentTokens('editor'),
    difficulty: (base) => {
      const shared = new SharedDifficulty(base, store.rateLedger);
      shared.start();
      return shared;
    },
    engine: 'PostgreSQL',
  };
}
