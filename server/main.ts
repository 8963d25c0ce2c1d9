// `npm start`: configuration, demo editor if needed, storage, submit page, HTTP server, shutdown.
// Only start-up and shutdown lines are printed. Once listening, the console is silenced so that
// no library can print anything per request either (@hono/node-server would log aborted
// requests, for instance).

import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from './app.ts';
import { createHttpServer } from './http-server.ts';
import { ChallengeBook } from './challenge.ts';
import { loadConfig } from './config.ts';
import { applyFlags } from './flags.ts';
import { utcDayBefore } from '../node-lib/utc-day.ts';
import { demoBanner, ensureDemoEditor, type DemoEditor } from './demo.ts';
import { loadEditors, type Editors } from './editors.ts';
import { Intake } from './intake.ts';
import { PowPrice } from './pow-price.ts';
import { limitsFor } from './limits.ts';
import { answerClientError } from './client-error.ts';
import { buildSite } from './site.ts';
import { openStorage } from './storage.ts';
import { runMigrateCommand } from './migrate.ts';
import { loadStaticSite } from './static-site.ts';

const RETENTION_SWEEP_MS = 60 * 60 * 1000;
/** How long the order of arrival can be read from the database file's layout (SqliteStore.maintain). */
const COMPACT_EVERY_MS = 60 * 60 * 1000;
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
  const storage = await openStorage({ databaseUrl: config.SOTTO_DATABASE_URL, dataDir, editorKeyIds: [...editors.keyIds] });
  const store = storage.store;
  const siteDir = path.resolve(config.SOTTO_SITE_DIR ?? path.join(dataDir, 'site'));
  await buildSite(editors.keyListText, siteDir, { demo: demo !== undefined, exitUrl: config.SOTTO_QUICK_EXIT_URL });

  if (config.SOTTO_RETENTION_DAYS !== undefined) {
    const days = config.SOTTO_RETENTION_DAYS;
    const sweep = () => store.applyRetention(utcDayBefore(Date.now(), days));
    await sweep();
    setInterval(sweep, RETENTION_SWEEP_MS).unref();
  }

  setInterval(() => store.maintain(), COMPACT_EVERY_MS).unref();

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
    const finish = async (code: number) => {
      await intake.drain();
      await store.close();
      say(code === 0 ? 'sotto: stopped' : 'sotto: stopped without waiting for slow requests');
      process.exit(code);
    };
    setTimeout(() => finish(1), SHUTDOWN_GRACE_MS).unref();
    server.close(() => finish(0));
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

// A fixed line, never the error: its message or stack could quote request data.
process.on('uncaughtException', () => fail('internal error; stopping'));
process.on('unhandledRejection', () => fail('internal error; stopping'));

main().catch((error: unknown) => fail(error instanceof Error ? error.message : 'could not start'));
