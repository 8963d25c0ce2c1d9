// `npm start`: configuration, demo editor if needed, storage, submit page, HTTP server, shutdown.
// Only start-up and shutdown lines are printed. Once listening, the console is silenced so that
// no library can print anything per request either (@hono/node-server would log aborted
// requests, for instance).

import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from './app.ts';
import { createHttpServer } from './http-server.ts';
import { ChallengeBook } from './challenge.ts';
import { loadConfig } from './config.ts';
import { applyFlags } from './flags.ts';
import { utcDay, utcDayBefore } from '../node-lib/utc-day.ts';
import { demoBanner, ensureDemoEditor, type DemoEditor } from './demo.ts';
import { loadEditors, type Editors } from './editors.ts';
import { Intake } from './intake.ts';
import { PowPrice } from './pow-price.ts';
import { limitsFor } from './limits.ts';
import { serverSecretFile } from './server-secret.ts';
import { answerClientError } from './client-error.ts';
import { buildSite } from './site.ts';
import { openStorage, type Storage } from './storage.ts';
import { runMigrateCommand } from './migrate.ts';
import { loadStaticSite } from './static-site.ts';
import type { SubmissionStore } from './store.ts';
import { Upkeep } from './upkeep.ts';

const SHUTDOWN_GRACE_MS = 10_000;
/** Slow clients (slowloris): a connection that has not sent its headers within this time, or
 * its whole request within the next one, is answered 408 and closed, so trickled bytes cannot
 * hold sockets for long. The request limit leaves a 2.8 MB upload over a slow Tor circuit
 * (about 25 KB/s) time to finish. Node checks them every CONNECTIONS_CHECK_MS. */
const HEADERS_TIMEOUT_S = 20;
const REQUEST_TIMEOUT_S = 120;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
const CONNECTIONS_CHECK_MS = 1_000;

function say(line: string): void {
  process.stdout.write(`${line}\n`); // privacy-ok: start-up and shutdown only
}

function fail(message: string): never {
  process.stderr.write(`sotto: ${message}\n`); // privacy-ok: start-up and fatal stop only, never request data
  process.exit(1);
}

function silenceConsole(): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) console[method] = () => {};
}

async function main(): Promise<void> {
  process.umask(0o077); // the database, secret and keys are the operator's alone
  if (process.argv[2] === 'migrate') process.exit(await runMigrateCommand(process.argv.slice(3), say));
  const flagged = applyFlags(process.argv.slice(2), process.env);
  if (!flagged.ok) fail(flagged.message);
  const loaded = loadConfig(flagged.env);
  if (!loaded.ok) fail(loaded.message);
  const config = loaded.config;
  const dataDir = path.resolve(config.SOTTO_DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  let demo: DemoEditor | undefined;
  let keyListFile = config.SOTTO_EDITORS;
  if (!keyListFile) {
    demo = ensureDemoEditor(dataDir);
    keyListFile = demo.keyListFile;
  }
  let keyListText: string;
  try {
    keyListText = readFileSync(keyListFile, 'utf8');
  } catch {
    fail(`cannot read SOTTO_EDITORS file ${keyListFile}`);
  }
  let editors: Editors;
  try {
    editors = loadEditors(keyListText);
  } catch (error) {
    fail(`invalid SOTTO_EDITORS file ${keyListFile}: ${(error as Error).message}`);
  }
  const limits = limitsFor(editors.keys.length, config.SOTTO_MAX_ENVELOPE_KB && config.SOTTO_MAX_ENVELOPE_KB * 1024);
  if (!config.SOTTO_DATABASE_URL) refuseLostDatabase(dataDir, path.join(dataDir, 'sotto.db'), flagged.init);
  let storage: Storage;
  try {
    storage = await openStorage({
      databaseUrl: config.SOTTO_DATABASE_URL,
      dataDir,
      editorKeyIds: [...editors.keyIds],
      reserveBytes: config.SOTTO_DISK_RESERVE_MB * 1024 * 1024,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : 'cannot open the database');
  }
  const store = storage.store;
  await settleFormerEditors(store, flagged.forgetEditors, config.SOTTO_FORMER_EDITOR_DAYS, editors);
  const siteDir = path.resolve(config.SOTTO_SITE_DIR ?? path.join(dataDir, 'site'));
  await buildSite(editors.keyListText, siteDir, { demo: demo !== undefined, exitUrl: config.SOTTO_QUICK_EXIT_URL });

  const upkeep = new Upkeep({ store, retentionDays: config.SOTTO_RETENTION_DAYS, nowMs: Date.now, say });
  upkeep.start();

  const quotaBytes = config.SOTTO_MAX_STORE_MB * 1024 * 1024;
  const intake = new Intake(store, quotaBytes);
  const app = createApp({
    editors,
    limits,
    challenges: new ChallengeBook(storage.secret, storage.solutions),
    difficulty: storage.difficulty(config.SOTTO_POW_DIFFICULTY),
    price: new PowPrice(editors.keys.length, quotaBytes),
    intake,
    store,
    editorNonces: storage.editorNonces,
    site: loadStaticSite(siteDir),
    demo: demo !== undefined,
    nowMs: Date.now,
  });

  const headersTimeoutMs = (config.SOTTO_HEADERS_TIMEOUT_S ?? HEADERS_TIMEOUT_S) * 1000;
  const serverOptions = {
    headersTimeout: headersTimeoutMs,
    requestTimeout: Math.max(headersTimeoutMs, (config.SOTTO_REQUEST_TIMEOUT_S ?? REQUEST_TIMEOUT_S) * 1000),
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
  };
  const server = createHttpServer(app.fetch, serverOptions);
  server.listen(config.SOTTO_PORT, config.SOTTO_HOST, () => {
    const info = server.address() as AddressInfo;
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    const url = `http://${host}:${info.port}`;
    if (demo) say(demoBanner(demo, url));
    say(`sotto: ${editors.keys.length} editor(s), key set ${editors.fingerprint}, storage ${storage.engine}`);
    say(`sotto: listening on ${url}`);
    silenceConsole();
  });

  server.on('clientError', answerClientError);
  server.maxConnections = config.SOTTO_MAX_CONNECTIONS;

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`sotto: ${signal}, finishing requests in progress`);
    // Nothing big happens here: what is queued is committed, the WAL is checkpointed, and a
    // failure of either (a full disk) is said in one line; what was committed is safe either way.
    const finish = async (code: number) => {
      let clean = true;
      for (const step of [() => upkeep.stop(), () => intake.drain(), () => store.close()]) {
        try {
          await step();
        } catch {
          clean = false;
        }
      }
      if (!clean) say('sotto: could not finish writing at shutdown (disk full?); what was acknowledged is safe');
      say(code === 0 ? 'sotto: stopped' : 'sotto: stopped without waiting for slow requests');
      process.exit(code === 0 && clean ? 0 : 1);
    };
    setTimeout(() => finish(1), SHUTDOWN_GRACE_MS).unref();
    server.close(() => finish(0));
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/**
 * A database that vanished while the secret stayed (a mistaken `rm`, a volume not mounted) must
 * not silently become an empty store: the operator says `--init` to start afresh.
 */
function refuseLostDatabase(dataDir: string, databaseFile: string, init: boolean): void {
  if (init || !existsSync(serverSecretFile(dataDir))) return;
  const size = existsSync(databaseFile) ? statSync(databaseFile).size : undefined;
  if (size !== undefined && size > 0) return;
  fail(
    `${databaseFile} is ${size === undefined ? 'missing' : 'empty'} but ${serverSecretFile(dataDir)} shows this data dir was used before; ` +
      'restore the database (is the volume mounted?), or start with --init to begin with an empty one',
  );
}

/**
 * Editors removed from the key list whom envelopes still wait for: said at every start, erased
 * only on --forget-editor or after the grace period (SOTTO_FORMER_EDITOR_DAYS).
 */
async function settleFormerEditors(store: SubmissionStore, forget: readonly string[], graceDays: number, editors: Editors): Promise<void> {
  for (const editor of forget) {
    if (editors.keyIds.has(editor)) fail(`--forget-editor ${editor}: this editor is still in the key list`);
  }
  const now = Date.now();
  const lastKeptDay = utcDayBefore(now, graceDays);
  const former = await store.formerEditors(utcDay(now));
  for (const { editor, waiting, sinceDay } of former) {
    if (forget.includes(editor) || sinceDay < lastKeptDay) {
      const erased = await store.forgetEditor(editor);
      const why = forget.includes(editor) ? '--forget-editor' : `removed from the key list since ${sinceDay}`;
      say(`sotto: former editor ${editor} (${why}): ${erased} envelope(s) nobody else waits for erased`);
    } else {
      const until = utcDayBefore(Date.parse(sinceDay), -graceDays);
      say(
        `sotto: editor key ${editor} is not in the key list but ${waiting} envelope(s) wait for it; kept until ${until} ` +
          `(put its line back, or start with --forget-editor ${editor} to erase them now)`,
      );
    }
  }
  for (const editor of forget) {
    if (!former.some((entry) => entry.editor === editor)) say(`sotto: --forget-editor ${editor}: nothing waits for this key`);
  }
}

// A fixed line, never the error: its message or stack could quote request data.
process.on('uncaughtException', () => fail('internal error; stopping'));
process.on('unhandledRejection', () => fail('internal error; stopping'));

main().catch((error: unknown) => fail(error instanceof Error ? error.message : 'could not start'));
