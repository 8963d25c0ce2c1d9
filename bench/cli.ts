// Reviewer CLI benchmark: unlocking a key with the real KDF, `list` over 10,000
// stories of 2 KB (target < 3 s), `export` of 1,000 approved stories. Runs the built CLI as a
// process, as an editor would. `node --import tsx bench/cli.ts` runs it alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { b64uEncode } from '../crypto/bytes.ts';
import { sealEnvelopeSodium } from '../crypto/envelope-sodium.ts';
import { generateIdentity } from '../crypto/identity.ts';
import { DEFAULT_KDF, FAST_TEST_KDF, decryptIdentity, encryptIdentity } from '../crypto/key-file.ts';
import { loadSodium } from '../crypto/sodium.ts';
import { encodeTestimony } from '../crypto/testimony-encode.ts';
import { sealReviewState } from '../reviewer-cli/review-state.ts';
import { editorKeyring, openVault, wipeKeyring } from '../reviewer-cli/session.ts';
import { keyIdHex } from '../crypto/key-id.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'reviewer-cli/bin/sotto-review.mjs');
const PASSPHRASE = 'benchmark passphrase';

function timeCli(args: string[], env: Record<string, string>): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`sotto-review ${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

/** About 2 KB of text that the detector has nothing to flag in. */
function story(i: number): string {
  return `Story ${i}. ${'I want to tell what happened to me and to my friends over these years. '.repeat(28)}`.slice(0, 2048);
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
    const vaultDir = path.join(dir, 'vault');
    const env = { SOTTO_KEY: keyFile, SOTTO_VAULT: vaultDir, SOTTO_PASSPHRASE: PASSPHRASE };
    const keys = editorKeyring(sodium, identity);
    const vault = openVault(vaultDir, sodium, keyIdHex(identity.x25519.publicKey), keys, identity, true);
    const ids: string[] = [];
    start = performance.now();
    for (let batch = 0; batch < 10; batch++) {
      const items = Array.from({ length: 1000 }, (_, j) => {
        const i = batch * 1000 + j;
        const id = b64uEncode(sodium.randombytes_buf(16));
        ids.push(id);
        const payload = encodeTestimony({ v: 1, story: story(i), language: 'en', consent: true, replyKey: b64uEncode(sodium.randombytes_buf(32)) });
        return { id, day: '2026-11-20', envelope: sealEnvelopeSodium(sodium, payload, [identity.x25519.publicKey]) };
      });
      vault.addEnvelopes(items);
    }
    // 1,000 stories approved, as anonymise + approve leave them.
    vault.transaction(() => ids.slice(0, 1000).forEach((id, i) => vault.saveState(id, 0, (row, version) => sealReviewState(
      sodium, keys.full.state!, { id, envelopeHash: row.envelopeHash, version },
      { v: 1, id, status: 'approved', anonymised: { story: story(i), decisions: [] }, tags: ['bench'], notes: [] }))));
    vault.close();
    wipeKeyring(keys);
    console.log(`cli: built a vault of 10,000 stories of 2 KB in ${((performance.now() - start) / 1000).toFixed(1)} s`);

    const listMs = timeCli(['list', '--json'], env);
    console.log(`cli: list over 10,000 stories: ${(listMs / 1000).toFixed(2)} s (target < 3 s) ${listMs < 3000 ? 'OK' : 'SLOW'}`);
    const exportMs = timeCli(['export', '--out', path.join(dir, 'site')], env);
    console.log(`cli: export of 1,000 approved stories: ${(exportMs / 1000).toFixed(2)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runCliBench();
