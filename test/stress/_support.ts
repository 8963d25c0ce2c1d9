// Shared by the stress suite (test/stress/*.stress.ts) and its report (bench/stress.ts): the
// seed and run counts, a real server process with editors configured, editor pulls, the privacy
// canary scan, and the figures every scenario adds to.

import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { b64uDecode, b64uEncode } from '../../crypto/bytes.ts';
import { solveChallenge } from '../../crypto/pow.ts';
import { keyListOf, makeEditors, newReceipt, signed, tempDir, type TestEditor } from '../support/server.ts';
import type { ReceiptSecrets } from '../../crypto/receipt.ts';
import { startServer, type ServerProcess } from '../server/server-process.ts';

/** Fixed by default so CI is reproducible; `SOTTO_FUZZ_SEED=n` replays or explores another. */
export const DEFAULT_SEED = 0x5077_0007;

export function stressSeed(): number {
  const fromEnv = process.env.SOTTO_FUZZ_SEED;
  return fromEnv ? Number(fromEnv) >>> 0 : DEFAULT_SEED;
}

/** Fuzzed requests per in-process run; `SOTTO_FUZZ_RUNS=100000` for a longer one. */
export function fuzzRuns(): number {
  const fromEnv = Number(process.env.SOTTO_FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 10_000;
}

/** Kill -9 cycles; `SOTTO_KILL_CYCLES` for more. */
export function killCycles(): number {
  const fromEnv = Number(process.env.SOTTO_KILL_CYCLES);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 20;
}

/** What the report table shows; every scenario adds its counts. */
export interface Figures {
  requests: number;
  status4xx: number;
  /** Unexpected server errors: every 5xx except the documented 507 of a full disk. */
  status5xx: number;
  /** 507 "storage full": expected only where the disk or the quota is full. */
  status507: number;
  crashes: number;
  acknowledgedLost: number;
  canaryHits: number;
  killCycles: number;
}

export function emptyFigures(): Figures {
  return { requests: 0, status4xx: 0, status5xx: 0, status507: 0, crashes: 0, acknowledgedLost: 0, canaryHits: 0, killCycles: 0 };
}

export function addFigures(total: Figures, part: Partial<Figures>): void {
  for (const key of Object.keys(total) as (keyof Figures)[]) total[key] += part[key] ?? 0;
}

export function countStatus(figures: Figures, status: number): void {
  figures.requests++;
  if (status >= 400 && status < 500) figures.status4xx++;
  if (status === 507) figures.status507++;
  else if (status >= 500) figures.status5xx++;
}

/** Canaries: unique strings put wherever a client can put them. No file the server writes and
 * nothing it prints may ever contain one. */
export function makeCanaries(prefix: string): Record<string, string> {
  const tag = () => Math.random().toString(36).slice(2, 12);
  return {
    userAgent: `CANARY${prefix}UA${tag()}`,
    forwardedFor: `CANARY${prefix}XFF${tag()}`,
    referer: `CANARY${prefix}REF${tag()}`,
    cookie: `CANARY${prefix}COOKIE${tag()}`,
    query: `CANARY${prefix}QUERY${tag()}`,
    story: `CANARY${prefix}STORY${tag()}`,
    path: `CANARY${prefix}PATH${tag()}`,
  };
}

export function trackingHeaders(canaries: Record<string, string>): Record<string, string> {
  return {
    'User-Agent': canaries.userAgent!,
    'X-Forwarded-For': `203.0.113.7, ${canaries.forwardedFor}`,
    'X-Real-IP': canaries.forwardedFor!,
    Forwarded: `for=${canaries.forwardedFor}`,
    Referer: `https://example.org/${canaries.referer}`,
    Cookie: `session=${canaries.cookie}`,
  };
}

export function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) return [];
    return stat.isDirectory() ? allFiles(full) : [full];
  });
}

/** 32-byte slices every 512 bytes: an envelope is random, so any one slice found in a file
 * means its bytes are still there. */
function slicesOf(bytes: Uint8Array): Buffer[] {
  return Array.from({ length: Math.max(1, Math.floor(bytes.length / 512)) }, (_, i) => Buffer.from(bytes.subarray(i * 512, i * 512 + 32)));
}

export interface LeakScan {
  /** "<canary name> in <file or 'output'>" for every hit. */
  canaryHits: string[];
  /** Index of every erased envelope with bytes still on disk. */
  erasedFound: number[];
  /** Index of every kept envelope NOT found (the control: the scan must see stored bytes). */
  keptMissing: number[];
}

/** Scans every file under `dirs` and the printed output. */
export function scanForLeaks(options: {
  dirs: readonly string[];
  printed: string;
  canaries: Record<string, string>;
  erased?: readonly Uint8Array[];
  kept?: readonly Uint8Array[];
}): LeakScan {
  const files = options.dirs.flatMap(allFiles).map((f) => ({ f, bytes: readFileSync(f) }));
  const canaryHits: string[] = [];
  for (const [name, value] of Object.entries(options.canaries)) {
    for (const { f, bytes } of files) if (bytes.includes(value)) canaryHits.push(`${name} in ${f}`);
    if (options.printed.includes(value)) canaryHits.push(`${name} in output`);
  }
  if (/203\.0\.113\.7/.test(options.printed)) canaryHits.push('client address in output');
  const present = (envelope: Uint8Array) => slicesOf(envelope).some((slice) => files.some(({ bytes }) => bytes.includes(slice)));
  const erasedFound = (options.erased ?? []).flatMap((e, i) => (present(e) ? [i] : []));
  const keptMissing = (options.kept ?? []).flatMap((e, i) => (present(e) ? [] : [i]));
  return { canaryHits, erasedFound, keptMissing };
}

export interface StressServer {
  server: ServerProcess;
  editors: TestEditor[];
  dataDir: string;
  env: Record<string, string>;
  /** Every line the server printed over all its restarts. */
  printed: () => string;
  restart: () => Promise<void>;
  kill9: () => Promise<void>;
  stop: () => Promise<number | null>;
  /** Kills the server if it still runs, waits for it to exit, and deletes its files. */
  remove: () => Promise<void>;
}

/** A real server process (server/main.ts) with `editorCount` editors, low difficulty, and its
 * data in a fresh temporary directory. */
export async function startStressServer(options: { editorCount?: number; env?: Record<string, string>; dataDir?: string } = {}): Promise<StressServer> {
  const editors = makeEditors(options.editorCount ?? 2);
  const keys = tempDir('sotto-stress-keys-');
  const data = options.dataDir ? { dir: options.dataDir, remove: () => {} } : tempDir('sotto-stress-data-');
  const keyList = path.join(keys.dir, 'editors.pub');
  writeFileSync(keyList, keyListOf(editors));
  const siteDir = path.join(keys.dir, 'site');
  mkdirSync(siteDir, { recursive: true });
  const env = { SOTTO_DATA_DIR: data.dir, SOTTO_EDITORS: keyList, SOTTO_POW_DIFFICULTY: '1', SOTTO_SITE_DIR: siteDir, ...options.env };
  let earlier = '';
  let first: ServerProcess;
  try {
    first = await startServer(env);
  } catch (error) {
    data.remove();
    keys.remove();
    throw error;
  }
  const handle: StressServer = {
    server: first,
    editors,
    dataDir: data.dir,
    env,
    printed: () => earlier + handle.server.output(),
    restart: async () => {
      earlier += handle.server.output();
      handle.server = await startServer(env);
    },
    kill9: async () => handle.server.kill9(),
    stop: async () => (handle.server.child.exitCode === null && handle.server.child.signalCode === null ? handle.server.stop() : handle.server.child.exitCode),
    remove: async () => {
      if (handle.server.child.exitCode === null && handle.server.child.signalCode === null) await handle.server.kill9();
      data.remove();
      keys.remove();
    },
  };
  return handle;
}

export interface PreparedSubmission {
  body: string;
  envelope: Uint8Array;
  receipt: ReceiptSecrets;
}

/** A challenge for an envelope of `envelopeBytes`, or the status refusing it (507: it cannot fit,
 * so nothing is solved). */
async function requestChallenge(baseUrl: string, envelopeBytes: number): Promise<{ status: number; challenge?: string; difficulty?: number }> {
  const response = await fetch(`${baseUrl}/api/v1/challenge`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ envelopeBytes }),
  });
  const body = (await response.json()) as { challenge?: string; difficulty?: number };
  return { status: response.status, ...body };
}

function solvedBody(envelope: Uint8Array, challenge: string, difficulty: number): PreparedSubmission {
  const receipt = newReceipt();
  const body = JSON.stringify({ envelope: b64uEncode(envelope), challenge, nonce: solveChallenge(challenge, difficulty), receiptVerifier: b64uEncode(receipt.verifier) });
  return { body, envelope, receipt };
}

/** A submission ready to send: a challenge from `baseUrl`, solved, and its JSON body. */
export async function prepareSubmission(baseUrl: string, envelope: Uint8Array): Promise<PreparedSubmission> {
  const { status, challenge, difficulty } = await requestChallenge(baseUrl, envelope.length);
  if (status !== 200 || challenge === undefined || difficulty === undefined) throw new Error(`challenge refused: ${status}`);
  return solvedBody(envelope, challenge, difficulty);
}

/** One submission as the page sends it: the challenge's refusal (507 when full) or the post's status. */
export async function submitOnce(baseUrl: string, envelope: Uint8Array): Promise<{ status: number; item?: PreparedSubmission }> {
  const { status, challenge, difficulty } = await requestChallenge(baseUrl, envelope.length);
  if (status !== 200 || challenge === undefined || difficulty === undefined) return { status };
  const item = solvedBody(envelope, challenge, difficulty);
  return { status: await postSubmission(baseUrl, item.body), item };
}

export async function postSubmission(baseUrl: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/submissions`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  await response.arrayBuffer();
  return response.status;
}

export async function receiptStatus(baseUrl: string, token: Uint8Array, action: 'status' | 'withdraw' = 'status'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/receipts/status`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: b64uEncode(token), action }),
  });
  return ((await response.json()) as { status: string }).status;
}

export interface PulledItem {
  id: string;
  envelope: Uint8Array;
}

/** Every envelope `editor` has not acknowledged, following the cursor; acknowledges nothing. */
export async function pullAll(baseUrl: string, editor: TestEditor): Promise<PulledItem[]> {
  const items: PulledItem[] = [];
  let query = '?limit=100';
  for (let page = 0; page < 10_000; page++) {
    const pathAndQuery = `/api/v1/inbox${query}`;
    const response = await fetch(`${baseUrl}${pathAndQuery}`, signed(editor, 'GET', pathAndQuery));
    if (response.status !== 200) throw new Error(`inbox answered ${response.status}`);
    const body = (await response.json()) as { items: { id: string; envelope: string }[]; next: string | null };
    for (const item of body.items) items.push({ id: item.id, envelope: b64uDecode(item.envelope) });
    if (!body.next) return items;
    query = `?limit=100&after=${body.next}`;
  }
  throw new Error('inbox did not end');
}

export async function acknowledge(baseUrl: string, editor: TestEditor, ids: readonly string[]): Promise<{ status: number; acknowledged: number; erased: number }> {
  const response = await fetch(`${baseUrl}/api/v1/inbox/ack`, signed(editor, 'POST', '/api/v1/inbox/ack', { ids }));
  const body = (await response.json()) as { acknowledged?: number; erased?: number };
  return { status: response.status, acknowledged: body.acknowledged ?? 0, erased: body.erased ?? 0 };
}

/** Key for matching envelopes in maps: the whole envelope, base64. */
export function envelopeKey(envelope: Uint8Array): string {
  return Buffer.from(envelope).toString('base64');
}

/** Resident set size of a process in bytes (Linux), or undefined elsewhere. */
export function rssOf(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `worker` on `concurrency` lanes until it returns false (bounded by the caller). */
export async function lanes(concurrency: number, worker: (lane: number) => Promise<boolean>): Promise<void> {
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      while (await worker(lane)) {
        /* next */
      }
    }),
  );
}

/** A tmpfs of `sizeMb` at a new temporary directory (needs root or CAP_SYS_ADMIN), or undefined
 * with a SKIPPED line saying why. */
export function mountTmpfs(sizeMb: number, label: string): string | undefined {
  const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'sotto-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, 'tmpfs', mountPoint], { stdio: 'pipe' });
    return mountPoint;
  } catch (error) {
    rmdirSync(mountPoint);
    process.stdout.write(`${label}: SKIPPED — cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]}); needs root or CAP_SYS_ADMIN\n`);
    return undefined;
  }
}

export function unmountTmpfs(mountPoint: string): void {
  try {
    execFileSync('umount', [mountPoint], { stdio: 'pipe' });
  } catch {
    execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
  }
  rmdirSync(mountPoint);
}

/** SQLite's integrity check of the server's database (once the server has stopped: it holds the
 * file exclusively while it runs). */
export function integrityOf(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'sotto.db'), { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}
