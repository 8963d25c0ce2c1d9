// Reviewer CLI benchmark: unlocking a key with the real KDF, `list` over 10,000
// stories of 2 KB (target < 3 s), `export` of 20,000 approved stories with its peak memory
// (target ≤ 256 MiB). Runs the built CLI as a process, as an editor would. `node --import tsx bench/cli.ts` runs it alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { b64uEncode } from '../crypto/bytes.ts';
import { sealEnvelopeSodium } from '../crypto/envelope-sodium.ts';
import { generateIdentity, type Identity } from '../crypto/identity.ts';
import { DEFAULT_KDF, FAST_TEST_KDF, decryptIdentity, encryptIdentity } from '../crypto/key-file.ts';
import { loadSodium, type Sodium } from '../crypto/sodium.ts';
import { encodeTestimony } from '../crypto/testimony-encode.ts';
import { sealReviewState } from '../reviewer-cli/review-state.ts';
import { editorKeyring, openVault, wipeKeyring } from '../reviewer-cli/session.ts';
import { keyIdHex } from '../crypto/key-id.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'reviewer-cli/bin/sotto-review.mjs');
const PEAK_RSS = path.join(ROOT, 'bench/peak-rss.mjs');
const PASSPHRASE = 'benchmark passphrase';
const MiB = 2 ** 20;

/** Runs the CLI; returns its wall time and peak resident memory (bytes). */
function runCli(args: string[], env: Record<string, string>, rssFile: string): { ms: number; peakRss: number } {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', PEAK_RSS, BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', SOTTO_BENCH_PEAK_RSS: rssFile, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`sotto-review ${args.join(' ')} failed: ${result.stderr}`);
  return { ms, peakRss: Number(readFileSync(rssFile, 'utf8')) * 1024 };
}

/** About 2 KB of text that the detector has nothing to flag in. */
function story(i: number): string {
  return `Story ${i}. ${'I want to tell what happened to me and to my friends over these years. '.repeat(28)}`.slice(0, 2048);
}

/** A vault of `total` stories of 2 KB, the first `approved` of them approved as anonymise +
 * approve leave them; built in batches of 1,000 so that the builder's memory stays small too. */
function buildVault(sodium: Sodium, identity: Identity, vaultDir: string, total: number, approved: number): string {
  const keys = editorKeyring(sodium, identity);
  const vault = openVault(vaultDir, sodium, keyIdHex(identity.x25519.publicKey), keys, identity, true);
  try {
    for (let first = 0; first < total; first += 1000) {
      const batch = Array.from({ length: Math.min(1000, total - first) }, (_, j) => {
        const i = first + j;
        const payload = encodeTestimony({ v: 1, story: story(i), language: 'en', consent: true, replyKey: b64uEncode(sodium.randombytes_buf(32)) });
        return { i, id: b64uEncode(sodium.randombytes_buf(16)), day: '2026-11-20', envelope: sealEnvelopeSodium(sodium, payload, [identity.x25519.publicKey]) };
      });
      vault.addEnvelopes(batch);
      vault.transaction(() => batch.filter((item) => item.i < approved).forEach(({ i, id }) => vault.saveState(id, 0, (row, version) => sealReviewState(
        sodium, keys.full.state!, { id, envelopeHash: row.envelopeHash, version },
        { v: 1, id, status: 'approved', anonymised: { story: story(i), decisions: [] }, tags: ['bench'], notes: [] }))));
    }
  } finally {
    vault.close();
    wipeKeyring(keys);
  }
  return vaultDir;
}

export async function runCliBench(): Promise<void> {
  if (!readdirSync(path.join(ROOT, 'dist')).includes('sotto-review.mjs')) throw new Error('build first: node scripts/build.mjs');
  const sodium = await loadSodium();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sotto-bench-cli-'));
  try {
    const identity = generateIdentity();
    const realKey = encryptIdentity(sodium, identity, PASSPHRASE, DEFAULT_KDF);
    let start = performance.now();
    decryptIdentity(sodium, realKey, PASSPHRASE);
    console.log(`cli: unlock a key (Argon2id ${DEFAULT_KDF.opsLimit} passes, ${DEFAULT_KDF.memLimitBytes / 2 ** 20} MiB): ${(performance.now() - start).toFixed(0)} ms`);

    // The vault benchmarks unlock with the fast KDF so that they measure the command, not Argon2id.
    const keyFile = path.join(dir, 'bench.key');
    writeFileSync(keyFile, encryptIdentity(sodium, identity, PASSPHRASE, FAST_TEST_KDF));
    const rssFile = path.join(dir, 'peak-rss');

    // 10,000 stories, 1,000 of them approved, for `list`.
    start = performance.now();
    const listVault = buildVault(sodium, identity, path.join(dir, 'vault'), 10_000, 1_000);
    console.log(`cli: built a vault of 10,000 stories of 2 KB in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    const list = runCli(['list', '--json'], { SOTTO_KEY: keyFile, SOTTO_VAULT: listVault, SOTTO_PASSPHRASE: PASSPHRASE }, rssFile);
    console.log(`cli: list over 10,000 stories: ${(list.ms / 1000).toFixed(2)} s (target < 3 s) ${list.ms < 3000 ? 'OK' : 'SLOW'}`);

    // 20,000 approved stories, for `export`: time and peak memory of the whole process.
    start = performance.now();
    const exportVault = buildVault(sodium, identity, path.join(dir, 'export-vault'), 20_000, 20_000);
    console.log(`cli: built a vault of 20,000 approved stories of 2 KB in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    const exported = runCli(['export', '--out', path.join(dir, 'site')], { SOTTO_KEY: keyFile, SOTTO_VAULT: exportVault, SOTTO_PASSPHRASE: PASSPHRASE }, rssFile);
    const files = readdirSync(path.join(dir, 'site')).length;
    if (files !== 20_001) throw new Error(`export wrote ${files} files, not 20,001`);
    const peakMiB = exported.peakRss / MiB;
    console.log(`cli: export of 20,000 approved stories: ${(exported.ms / 1000).toFixed(1)} s, peak memory ${peakMiB.toFixed(0)} MiB (target ≤ 256 MiB) ${peakMiB <= 256 ? 'OK' : 'TOO MUCH'}`);
    console.log(`     (a real key file's Argon2id unlock adds its ${DEFAULT_KDF.memLimitBytes / MiB} MiB before the export starts; the fast KDF here measures the export alone)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runCliBench();
