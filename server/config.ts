// Server configuration from environment variables, validated once at start (README.md "Running the server").
// A bad value stops the server with one line naming the variable; nothing here is per request.

import * as z from 'zod';

/** Base proof-of-work difficulty in leading zero bits of SHA-256 (SECURITY.md §5 "Proof of
 * work"). Expected work is 2^16 = 65,536 hashes: noble's SHA-256 runs at roughly 50–150 k
 * hashes/s in Firefox/Tor Browser with the JIT off on a laptop, and 20–40 k/s on a phone, so the
 * mean solve is about 0.5–1.5 s on a laptop and 2–3 s on a phone (the 95th percentile of the
 * geometric distribution is three times the mean). 17 bits would double that; the page's
 * measurement decides whether to change it. */
export const DEFAULT_POW_DIFFICULTY = 16;

const int = (min: number, max: number) => {
  const error = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const nonEmpty = z.string().trim().min(1);

/** An absolute https:// address with a host and no credentials: quick exit must land somewhere
 * ordinary, over an encrypted connection, without a login prompt. */
const httpsUrl = nonEmpty.refine((text) => {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
}, 'expected an https:// address (no user name or password)');

const EnvSchema = z.object({
  SOTTO_HOST: nonEmpty.regex(/^[A-Za-z0-9.:[\]-]+$/, 'expected a host name or address').default('127.0.0.1'),
  SOTTO_PORT: int(0, 65535).default(8787),
  SOTTO_DATA_DIR: nonEmpty.default('./data'),
  /** Path to the editors' key list; without it the server runs in demo mode. */
  SOTTO_EDITORS: nonEmpty.optional(),
  SOTTO_MAX_STORE_MB: int(1, 1024 * 1024).default(1024),
  /** Envelopes nobody acknowledged are erased after this many days (unset: kept until acked). */
  SOTTO_RETENTION_DAYS: int(1, 3650).optional(),
  /** Test/dev knob: tests and benchmarks set a low base difficulty (e.g. 4) to run fast. */
  SOTTO_POW_DIFFICULTY: int(1, 28).default(DEFAULT_POW_DIFFICULTY),
  /** Optional cap on one envelope, below the format's own maximum (2 MiB body + header). */
  SOTTO_MAX_ENVELOPE_KB: int(8, 4096).optional(),
  /** Test/dev knobs for the slow-client timeouts (defaults in main.ts: 20 s for the headers,
   * 120 s for a whole request). */
  SOTTO_HEADERS_TIMEOUT_S: int(1, 600).optional(),
  SOTTO_REQUEST_TIMEOUT_S: int(1, 3600).optional(),
  /** Open connections at most; more are closed at once. Keeps a flood of idle sockets from using
   * up the process's file descriptors, which the database needs (SECURITY.md §5). */
  SOTTO_MAX_CONNECTIONS: int(8, 65_535).default(512),
  /** Where the page's "Leave quickly" button and Esc twice go (default in submit-client/build.ts). */
  SOTTO_QUICK_EXIT_URL: httpsUrl.optional(),
  /** A PostgreSQL database shared by several instances (README.md "Several instances on
   * PostgreSQL"); unset, the server keeps everything in SQLite under SOTTO_DATA_DIR. */
  SOTTO_DATABASE_URL: nonEmpty.regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
  /** Kept free beside the database and given up when an erasure meets a full disk (SECURITY.md §5
   * "Full disk"); the server refuses to start where it cannot keep it. */
  SOTTO_DISK_RESERVE_MB: int(1, 4096).default(32),
  /** Envelopes waiting for an editor removed from the key list are kept this many days from the
   * first start without them, then erased (sooner with --forget-editor). */
  SOTTO_FORMER_EDITOR_DAYS: int(1, 3650).default(30),
  /** Where the built submit page is written (default: SOTTO_DATA_DIR/site). */
  SOTTO_SITE_DIR: nonEmpty.optional(),
});

export type Config = z.infer<typeof EnvSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Reads the SOTTO_* variables. Empty strings count as unset, so `SOTTO_EDITORS= npm start` is demo mode. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') relevant[key] = value;
  }
  const parsed = EnvSchema.safeParse(relevant);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, message: `invalid ${String(issue.path[0])}: ${issue.message}` };
}
