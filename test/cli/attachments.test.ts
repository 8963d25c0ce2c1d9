// Attachments from the server to the editor's folder, as processes: a story with a cleaned JPEG
// (it had GPS, EXIF, XMP, IPTC and a thumbnail) and a cleaned PNG (it had text chunks) is sent to
// the real server as the page sends it; `pull` stores the sealed chunks; `list` and `show` give
// type and size; `show --attachments DIR` writes them — exiftool finds no metadata, the image data
// is the original's — and writes nothing when a file exists, one does not open, or one still
// carries metadata.

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { sealAttachment } from '../../crypto/attachment-noble.ts';
import { b64uEncode } from '../../crypto/bytes.ts';
import { sealEnvelope } from '../../crypto/envelope-noble.ts';
import { deriveReceipt, newReceiptCode, parseReceiptCode } from '../../crypto/receipt.ts';
import { encodeTestimonyWithAttachments } from '../../crypto/testimony-attachments.ts';
import type { Testimony } from '../../crypto/testimony.ts';
import { scrubImage } from '../../media/index.ts';
import { exifTags, fixture, jpegScanData, metadataTags, pngChunks, pngWithMetadata, withMetadata } from '../support/images.ts';
import { postJson, solvedChallenge, uploadSealed, type Requester } from '../support/server.ts';
import { startServer, type ServerProcess } from '../server/server-process.ts';
import { ensureBuilt, makeEditor, runCli, tempDir, type TestEditor } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let anna: TestEditor;
let server: ServerProcess;
const photo = withMetadata(fixture('chromium-16x12.jpg'), 'jpg');
const drawing = pngWithMetadata();

/** What the page does with pictures: clean each with media/, seal each under its own key, put
 * the keys in the story, upload, then send the story with the upload token. */
async function sendWithPictures(images: readonly Uint8Array[], story: string, clean = true): Promise<number> {
  const request: Requester = async (p, init) => fetch(new URL(p, server.url), init);
  const cleaned = images.map((image) => (clean ? scrubImage(image) : { bytes: image, mediaType: scrubImage(image).mediaType }));
  const sealed = cleaned.map((c) => sealAttachment(c.bytes));
  const parsed = parseReceiptCode(newReceiptCode());
  if (!parsed.ok) throw new Error('receipt');
  const receipt = deriveReceipt(parsed.ikm);
  const testimony: Testimony = {
    v: 1, story, language: 'ru', consent: true, replyKey: b64uEncode(receipt.reply.publicKey),
    attachments: cleaned.map((c, i) => ({ type: c.mediaType, bytes: c.bytes.length, key: b64uEncode(sealed[i]!.key) })),
  };
  const envelope = sealEnvelope(encodeTestimonyWithAttachments(testimony), [anna.identity.x25519.publicKey]);
  const upload = await uploadSealed(request, sealed.map((s) => s.sealed));
  const body = { envelope: b64uEncode(envelope), ...(await solvedChallenge(request, envelope.length)), receiptVerifier: b64uEncode(receipt.verifier), upload };
  return (await request('/api/v1/submissions', postJson(body))).status;
}

const run = (args: string[]) => runCli(args, { env: anna.env, offline: true });

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir('sotto-attachments-');
  anna = await makeEditor(temp.dir, 'anna');
  const keyList = path.join(temp.dir, 'editors.pub');
  writeFileSync(keyList, `${anna.publicLine}\n`);
  server = await startServer({ SOTTO_DATA_DIR: path.join(temp.dir, 'data'), SOTTO_EDITORS: keyList, SOTTO_POW_DIFFICULTY: '1' }, { entry: 'dist' });
  expect(await sendWithPictures([photo, drawing], 'Фото и рисунок.')).toBe(201);
  expect(await sendWithPictures([photo], 'Не очищено.', false)).toBe(201); // a page that failed to clean
  const pulled = await runCli(['pull', '--server', server.url], { env: anna.env });
  expect(pulled.code, pulled.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  temp?.cleanup();
});

async function storyIds(): Promise<{ pictured: string; uncleaned: string }> {
  const list = JSON.parse((await run(['list', '--json'])).stdout) as { id: string; shortId: string; title: string; length: number; attachments: unknown[] }[];
  const shown = await Promise.all(list.map(async (e) => ({ id: e.shortId, story: JSON.parse((await run(['show', e.id, '--json'])).stdout).story as string })));
  return { pictured: shown.find((s) => s.story === 'Фото и рисунок.')!.id, uncleaned: shown.find((s) => s.story === 'Не очищено.')!.id };
}

describe('attachments in the CLI', () => {
  it('list and show give each picture\'s type and size, from the story\'s envelope', async () => {
    const { pictured } = await storyIds();
    const list = await run(['list']);
    expect(list.stdout).toMatch(/PICTURES/);
    expect(list.stdout).toMatch(new RegExp(`${pictured}.*JPEG \\d+ B, PNG \\d+ B`));
    const shown = JSON.parse((await run(['show', pictured, '--json'])).stdout) as { attachments: { type: string; bytes: number }[] };
    expect(shown.attachments).toEqual([
      { type: 'image/jpeg', bytes: scrubImage(photo).bytes.length },
      { type: 'image/png', bytes: scrubImage(drawing).bytes.length },
    ]);
    expect((await run(['show', pictured])).stdout).toMatch(/^Pictures: JPEG \d+ B, PNG \d+ B$/m);
  });

  it('show --attachments writes the cleaned pictures to the folder named, and nothing else anywhere', async () => {
    const { pictured } = await storyIds();
    const out = path.join(temp.dir, 'pictures');
    const vaultBefore = readdirSync(anna.env.SOTTO_VAULT).sort();
    const result = await run(['show', pictured, '--attachments', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Wrote 2 pictures, checked for metadata: /);
    expect(readdirSync(out).sort()).toEqual([`${pictured}-1.jpg`, `${pictured}-2.png`]);
    expect(readdirSync(anna.env.SOTTO_VAULT).sort()).toEqual(vaultBefore);
    expect(statSync(path.join(out, `${pictured}-1.jpg`)).mode & 0o777).toBe(0o600);

    const jpeg = new Uint8Array(readFileSync(path.join(out, `${pictured}-1.jpg`)));
    expect(metadataTags(exifTags(photo, 'jpg')).length).toBeGreaterThan(5); // the original had plenty
    expect(metadataTags(exifTags(jpeg, 'jpg'))).toEqual([]);
    expect(Buffer.from(jpegScanData(jpeg)).equals(Buffer.from(jpegScanData(photo)))).toBe(true);

    const png = new Uint8Array(readFileSync(path.join(out, `${pictured}-2.png`)));
    expect(metadataTags(exifTags(drawing, 'png')).length).toBeGreaterThan(0);
    expect(metadataTags(exifTags(png, 'png'))).toEqual([]);
    const idat = (bytes: Uint8Array) => Buffer.concat(pngChunks(bytes).filter((c) => c.type === 'IDAT').map((c) => c.data));
    expect(idat(png).equals(idat(drawing))).toBe(true);

    // Again into the same folder: the files exist, nothing is overwritten.
    const again = await run(['show', pictured, '--attachments', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; nothing was written/);
  });

  it('writes nothing for a picture that still carries metadata', async () => {
    const { uncleaned } = await storyIds();
    const out = path.join(temp.dir, 'uncleaned');
    const result = await run(['show', uncleaned, '--attachments', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/did not pass the metadata check.*nothing was written/);
    expect(existsSync(out)).toBe(false);
  });

  it('writes nothing when a sealed picture in the vault was altered', async () => {
    const { pictured } = await storyIds();
    const file = path.join(anna.env.SOTTO_VAULT, 'vault.db');
    const db = new Database(file);
    const sealed = db.prepare('SELECT sealed FROM attachments WHERE file = 1 AND length(sealed) > 0').pluck().all() as Buffer[];
    db.prepare('UPDATE attachments SET sealed = ? WHERE file = 1').run(Buffer.from(sealed[0]!.map((b, i) => (i === 100 ? b ^ 1 : b))));
    db.close();
    const out = path.join(temp.dir, 'altered');
    mkdirSync(out);
    chmodSync(out, 0o700);
    const result = await run(['show', pictured, '--attachments', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/attachment 2 of story \S+ could not be opened \(damaged or altered\); nothing was written/);
    expect(readdirSync(out)).toEqual([]);
  });
});
