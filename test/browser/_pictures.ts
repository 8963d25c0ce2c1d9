// Pictures on the submit page, end to end in one browser against the real server process
// (SECURITY.md §2 and §5 "Attachments"): a JPEG carrying GPS, EXIF, XMP, IPTC and a thumbnail
// and a PNG carrying text chunks are chosen; the page says, in its language, what it removed and
// shows previews of the cleaned bytes; a PDF is refused with a message in the page's language.
// The story goes out with both; the editor's copy, written by `sotto-review show --attachments`,
// has no metadata (exiftool) and the original image data. chromium-pictures.test.ts and
// firefox-pictures.test.ts run it, one browser per file.

import { writeFileSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptIdentity } from '../../crypto/key-file.ts';
import { FAST_TEST_KDF } from '../../crypto/key-file-format.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { scrubImage } from '../../media/index.ts';
import { PICTURES_TEXTS } from '../../submit-client/pictures-texts.ts';
import { ensureBuilt, PASSPHRASE, runCli, tempDir } from '../cli/helpers.ts';
import { exifTags, fixture, jpegScanData, metadataTags, pngChunks, pngWithMetadata, withMetadata } from '../support/images.ts';
import { fill, launchBrowser, openPage, SEND, startSite, textOf, type BrowserKind, type Launched, type Site } from './_harness.ts';

export function picturesSuite(kind: BrowserKind): void {
  describe(`pictures on the submit page in ${kind === 'firefox' ? 'Firefox ESR (Safer prefs)' : 'Chromium'}`, () => {
    let site: Site;
    let launched: Launched;
    let temp: ReturnType<typeof tempDir>;
    const photo = withMetadata(fixture('chromium-16x12.jpg'), 'jpg');
    const drawing = pngWithMetadata();

    beforeAll(async () => {
      ensureBuilt();
      temp = tempDir('sotto-pictures-');
      [site, launched] = await Promise.all([startSite(), launchBrowser(kind, 'uk-UA,uk')]);
      writeFileSync(path.join(temp.dir, 'photo.jpg'), photo);
      writeFileSync(path.join(temp.dir, 'drawing.png'), drawing);
      writeFileSync(path.join(temp.dir, 'letter.pdf'), '%PDF-1.7\n% a scanned letter from the employer\n');
    });
    afterAll(async () => {
      await launched?.close();
      await site?.close();
      temp?.cleanup();
    });

    it('cleans pictures in the page, refuses a PDF in the page\'s language, and the editor\'s copy has no metadata and the same image data', async () => {
      const { page, requests } = await openPage(launched.browser, `${site.origin}/`);
      await page.waitForSelector('form#submit-form fieldset:not([disabled])');
      await page.waitForFunction(() => document.documentElement.lang === 'uk');
      expect(requests.some((r) => r.endsWith('/pictures.js'))).toBe(false); // not in the first load
      await page.click('#add-pictures');
      const input = (await page.waitForSelector('#picture-files')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(...['photo.jpg', 'drawing.png', 'letter.pdf'].map((name) => path.join(temp.dir, name)));
      await page.waitForFunction(() => document.querySelectorAll('#picture-list li').length === 2 && document.querySelector('#pictures-error')!.textContent !== '');

      // The refusal and the report, in Ukrainian.
      expect(await textOf(page, '#pictures-error')).toBe(PICTURES_TEXTS.uk.refusedPdf.replace('{name}', 'letter.pdf'));
      const reports = await page.$$eval('#picture-list li', (items) => items.map((li) => li.querySelector('p')!.textContent));
      expect(reports[0]).toContain(PICTURES_TEXTS.uk.removed);
      for (const kind of ['kindGps', 'kindCamera', 'kindThumbnail', 'kindXmp', 'kindIptc'] as const) expect(reports[0]).toContain(PICTURES_TEXTS.uk[kind]);
      expect(reports[1]).toContain(PICTURES_TEXTS.uk.kindText);
      // The previews show the cleaned bytes (blob: URLs the page's CSP allows for images).
      const previews = await page.$$eval('#picture-list img', (images) => images.map((img) => [(img as HTMLImageElement).src.slice(0, 5), (img as HTMLImageElement).naturalWidth]));
      expect(previews).toEqual([['blob:', 16], ['blob:', expect.any(Number)]]);

      await fill(page, 'textarea[name=story]', 'Фото з місця і малюнок.');
      await page.click('input[name=consent]');
      const started = Date.now();
      await page.click(SEND);
      await page.waitForSelector('[data-receipt]:not(:empty)', { visible: true, timeout: 60_000 });
      process.stdout.write(`pictures (${kind}): two small pictures cleaned, sealed, uploaded and sent with the story in ${Date.now() - started} ms\n`);
      // Sent: the previews are gone and their URLs revoked.
      expect(await page.$$('#picture-list li')).toHaveLength(0);
      expect(requests.filter((r) => r.startsWith('PUT ')).length).toBe(2);

      const [sent] = await site.pullNew();
      expect(sent!.testimony.attachments?.map((a) => a.type)).toEqual(['image/jpeg', 'image/png']);
      expect(sent!.testimony.attachments?.map((a) => a.bytes)).toEqual([scrubImage(photo).bytes.length, scrubImage(drawing).bytes.length]);

      // The editor pulls with the CLI and writes the pictures out.
      const sodium = await loadSodium();
      const keyFile = path.join(temp.dir, 'editor.key');
      writeFileSync(keyFile, encryptIdentity(sodium, site.editors[0]!.identity, PASSPHRASE, FAST_TEST_KDF), { mode: 0o600 });
      const env = { SOTTO_KEY: keyFile, SOTTO_VAULT: path.join(temp.dir, 'vault'), SOTTO_PASSPHRASE: PASSPHRASE };
      const pulled = await runCli(['pull', '--server', site.origin], { env });
      expect(pulled.code, pulled.stderr).toBe(0);
      const out = path.join(temp.dir, 'out');
      const shown = await runCli(['show', sent!.id, '--attachments', out], { env, offline: true });
      expect(shown.code, shown.stderr).toBe(0);
      const files = readdirSync(out).sort();
      expect(files.map((f) => path.extname(f))).toEqual(['.jpg', '.png']);
      const jpeg = new Uint8Array(readFileSync(path.join(out, files[0]!)));
      const png = new Uint8Array(readFileSync(path.join(out, files[1]!)));
      expect(metadataTags(exifTags(jpeg, 'jpg'))).toEqual([]);
      expect(metadataTags(exifTags(png, 'png'))).toEqual([]);
      expect(Buffer.from(jpegScanData(jpeg)).equals(Buffer.from(jpegScanData(photo)))).toBe(true);
      const idat = (bytes: Uint8Array) => Buffer.concat(pngChunks(bytes).filter((c) => c.type === 'IDAT').map((c) => c.data));
      expect(idat(png).equals(idat(drawing))).toBe(true);
      await page.close();
    });
  });
}
