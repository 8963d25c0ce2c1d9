// Scrubber figures: time to clean 5 MiB JPEG, PNG and WebP files (the size of a phone photo) in
// Node, and the size of media/ as the page would get it (esbuild, minified, gzip).
//   node --import tsx bench/media.ts
import { build } from 'esbuild';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { scrubImage } from '../media/index.ts';
import { fixture, pngChunk, riffChunks, withMetadata } from '../test/support/images.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 5 * 1024 * 1024;

/** Random bytes with no 0xFF, so that they read as entropy-coded data without markers. */
function scanLike(length: number): Uint8Array {
  const bytes = randomBytes(length);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0xff) bytes[i] = 0xfe;
  return bytes;
}

/** The fixture with its scan grown to about 5 MiB (the parser does not decode it). */
export function bigJpeg(): Uint8Array {
  const small = withMetadata(fixture('chromium-16x12.jpg'), 'jpg');
  const eoi = small.length - 2;
  return Buffer.concat([small.subarray(0, eoi), scanLike(SIZE), small.subarray(eoi)]);
}

function bigPng(): Uint8Array {
  const ihdr = Buffer.from([0, 0, 4, 0, 0, 0, 3, 0, 8, 6, 0, 0, 0]);
  const idat = Array.from({ length: 80 }, () => pngChunk('IDAT', randomBytes(SIZE / 80)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('tEXt', 'Author\0Anna'), ...idat, pngChunk('IEND', new Uint8Array(0))]);
}

/** The fixture with its VP8 chunk grown to about 5 MiB, and EXIF and ICC chunks to drop. */
function bigWebp(): Uint8Array {
  const small = withMetadata(fixture('chromium-16x12.webp'), 'webp', ['-Make=Sotto']);
  const chunks = riffChunks(small).map(({ fourcc, data }) => {
    const body = fourcc === 'VP8 ' ? Buffer.concat([data, randomBytes(SIZE)]) : Buffer.from(data);
    const header = Buffer.alloc(8);
    header.write(fourcc, 'latin1');
    header.writeUInt32LE(body.length, 4);
    return Buffer.concat([header, body, Buffer.alloc(body.length % 2)]);
  });
  const riff = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  const file = Buffer.concat([riff, ...chunks]);
  file.writeUInt32LE(file.length - 8, 4);
  return file;
}

async function bundleBytes(): Promise<{ raw: number; gzip: number }> {
  const result = await build({
    stdin: { contents: "export { scrubImage } from './media/index.ts';", resolveDir: ROOT, loader: 'ts' },
    bundle: true, minify: true, format: 'esm', target: 'es2020', write: false, logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

export async function runMediaBench(): Promise<void> {
  const size = await bundleBytes();
  console.log(`media: scrubber bundle ${(size.raw / 1024).toFixed(1)} KiB raw, ${(size.gzip / 1024).toFixed(1)} KiB gzip`);
  for (const [name, file] of [['JPEG', bigJpeg()], ['PNG', bigPng()], ['WebP', bigWebp()]] as const) {
    const times: number[] = [];
    let removed = 0;
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      const result = scrubImage(file);
      times.push(performance.now() - start);
      removed = file.length - result.bytes.length;
    }
    times.sort((a, b) => a - b);
    console.log(`media: ${name} ${(file.length / 1024 / 1024).toFixed(1)} MiB cleaned in ${times[3]!.toFixed(1)} ms (median of 7), ${removed} bytes removed`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runMediaBench();
