// Shared by the reviewer CLI's process tests: run the real CLI (dist/ bundle through the bin),
// make editor keys quickly (FAST_TEST_KDF, in-process), and build submissions exactly as the
// submit page does (noble sealing of an encoded testimony with a receipt's reply key).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { b64uEncode } from '../../crypto/bytes.ts';
import { sealEnvelope } from '../../crypto/envelope-noble.ts';
import { solveChallenge } from '../../crypto/pow.ts';
import { generateIdentity, publicKeyLineOf, type Identity } from '../../crypto/identity.ts';
import { FAST_TEST_KDF, encryptIdentity } from '../../crypto/key-file.ts';
import { deriveReceipt, newReceiptCode, parseReceiptCode } from '../../crypto/receipt.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { encodeTestimony } from '../../crypto/testimony-encode.ts';
import type { Testimony } from '../../crypto/testimony.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'reviewer-cli/bin/sotto-review.mjs');
export const NO_NETWORK = path.join(ROOT, 'test/cli/no-network.mjs');
export const PASSPHRASE = 'correct horse battery staple';

/** `npm test` builds before vitest; a lone `vitest run test/cli` builds here once. */
export function ensureBuilt(): void {
  if (existsSync(path.join(ROOT, 'dist/sotto-review.mjs'))) return;
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
}

export function tempDir(prefix = 'sotto-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
  /** Preload that makes every network call throw. */
  offline?: boolean;
}

/** A clean environment: nothing from the developer's shell leaks into a test. */
function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), LANG: 'C.UTF-8' };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export function startCli(args: readonly string[], options: RunOptions = {}): ChildProcess {
  const nodeArgs = options.offline ? ['--import', NO_NETWORK, BIN] : [BIN];
  return spawn(process.execPath, [...nodeArgs, ...args], { cwd: options.cwd ?? ROOT, env: baseEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
}

export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const child = startCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin!.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface TestEditor {
  identity: Identity;
  keyFile: string;
  publicLine: string;
  /** Environment for a CLI call as this editor. */
  env: { SOTTO_KEY: string; SOTTO_VAULT: string; SOTTO_PASSPHRASE: string } & Record<string, string>;
}

/** An editor key file unlocked in milliseconds (FAST_TEST_KDF). */
export async function makeEditor(dir: string, name: string, vault = path.join(dir, `${name}-vault`)): Promise<TestEditor> {
  const sodium = await loadSodium();
  const identity = generateIdentity();
  const keyFile = path.join(dir, `${name}.key`);
  writeFileSync(keyFile, encryptIdentity(sodium, identity, PASSPHRASE, FAST_TEST_KDF), { mode: 0o600 });
  const publicLine = publicKeyLineOf(identity, name);
  return { identity, keyFile, publicLine, env: { SOTTO_KEY: keyFile, SOTTO_VAULT: vault, SOTTO_PASSPHRASE: PASSPHRASE } };
}

export interface Submission {
  testimony: Testimony;
  envelope: Uint8Array;
  receiptCode: string;
  verifier: Uint8Array;
  token: Uint8Array;
}

/** What the submit page does: a receipt code, its reply key inside the testimony, noble sealing. */
export function makeSubmission(recipients: readonly { x25519: { publicKey: Uint8Array } }[], fields: Partial<Testimony> & { story: string }): Submission {
  const receiptCode = newReceiptCode();
  const parsed = parseReceiptCode(receiptCode);
  if (!parsed.ok) throw new Error('receipt code did not parse');
  const receipt = deriveReceipt(parsed.ikm);
  const testimony: Testimony = { v: 1, language: 'ru', consent: true, replyKey: b64uEncode(receipt.reply.publicKey), ...fields };
  const envelope = sealEnvelope(encodeTestimony(testimony), recipients.map((r) => r.x25519.publicKey));
  return { testimony, envelope, receiptCode, verifier: receipt.verifier, token: receipt.token };
}

/** Posts a submission to a running server as the page does (challenge, proof of work, envelope);
 * resolves with the HTTP status. */
export async function submitTo(url: string, submission: Submission): Promise<number> {
  const { challenge, difficulty } = (await (await fetch(`${url}/api/v1/challenge`, { method: 'POST' })).json()) as { challenge: string; difficulty: number };
  const response = await fetch(`${url}/api/v1/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ envelope: b64uEncode(submission.envelope), challenge, nonce: solveChallenge(challenge, difficulty), receiptVerifier: b64uEncode(submission.verifier) }),
  });
  return response.status;
}

/** 16 random bytes as the server's ids look. */
export function randomId(): string {
  return b64uEncode(crypto.getRandomValues(new Uint8Array(16)));
}

/** The editor's vault opened in-process with their keys, for tests that set up or inspect a
 * vault directly. `work` gets it; it is closed afterwards. */
export async function withTestVault<T>(editor: TestEditor, work: (vault: import('../../reviewer-cli/vault.ts').Vault, stateKey: Uint8Array) => T, dir = editor.env.SOTTO_VAULT): Promise<T> {
  const { editorKeyring, openVault, wipeKeyring } = await import('../../reviewer-cli/session.ts');
  const { keyIdHex } = await import('../../crypto/key-id.ts');
  const sodium = await loadSodium();
  const keys = editorKeyring(sodium, editor.identity);
  const vault = openVault(dir, sodium, keyIdHex(editor.identity.x25519.publicKey), keys, editor.identity, true);
  try {
    return work(vault, keys.full.state!);
  } finally {
    vault.close();
    wipeKeyring(keys);
  }
}

/** Puts envelopes straight into an editor's vault, as a pull would have (for tests that are not
 * about pull). */
export async function fillVault(editor: TestEditor, envelopes: readonly { id?: string; day?: string; envelope: Uint8Array }[], dir = editor.env.SOTTO_VAULT): Promise<string[]> {
  const items = envelopes.map((e) => ({ id: e.id ?? randomId(), day: e.day ?? '2026-11-20', envelope: e.envelope }));
  await withTestVault(editor, (vault) => vault.addEnvelopes(items), dir);
  return items.map((i) => i.id);
}
