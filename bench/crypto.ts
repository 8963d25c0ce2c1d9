// Crypto figures: the size of the sealing half as the browser gets it (esbuild, minified; target
// < 25 KB gzip), and seal/open speed in Node for 16 KiB and 1 MiB payloads with 3 recipients.
//   node --import tsx bench/crypto.ts
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sealEnvelope } from '../crypto/envelope-noble.ts';
import { openEnvelope } from '../crypto/envelope-sodium.ts';
import { generateIdentity } from '../crypto/identity.ts';
import { loadSodium } from '../crypto/sodium.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function sealingBundleBytes(): Promise<{ raw: number; gzip: number }> {
  const result = await build({
    stdin: { contents: "export { sealEnvelope } from './crypto/envelope-noble.ts';", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function runCryptoBench(): Promise<void> {
  const size = await sealingBundleBytes();
  console.log(`crypto: sealing bundle ${(size.raw / 1024).toFixed(1)} KiB raw, ${(size.gzip / 1024).toFixed(1)} KiB gzip (target < 25 KB gzip)`);
  const sodium = await loadSodium();
  const editors = [generateIdentity(), generateIdentity(), generateIdentity()];
  const pks = editors.map((e) => e.x25519.publicKey);
  const me = { x25519PublicKey: editors[0]!.x25519.publicKey, x25519SecretKey: editors[0]!.x25519.secretKey };
  for (const [label, bytes] of [['16 KiB', 16 * 1024], ['1 MiB', 1024 * 1024]] as const) {
    const payload = new Uint8Array(bytes).fill(0x41);
    const seal: number[] = [];
    const open: number[] = [];
    for (let i = 0; i < 15; i++) {
      let t = performance.now();
      const envelope = sealEnvelope(payload, pks);
      seal.push(performance.now() - t);
      t = performance.now();
      openEnvelope(sodium, envelope, me);
      open.push(performance.now() - t);
    }
    console.log(`crypto: ${label}, 3 recipients: seal (noble) ${median(seal).toFixed(1)} ms, open (libsodium) ${median(open).toFixed(2)} ms (medians of 15)`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runCryptoBench();
