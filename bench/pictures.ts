// A 5 MiB photo through the real submit page in a real browser (issue: "measure the time for a
// 5 MiB photo in Firefox with Safer prefs"): Firefox ESR with Tor Browser's "Safer" prefs (no JIT,
// no WebAssembly) and Chromium, against the real server process. Prints the time to clean it
// (from choosing the file to its report on the page: media/ in pure JS), and the time from
// pressing send to the receipt (sealing it in 64 KiB chunks with noble, the upload's proof of work
// at the test difficulty, the upload, the story).
//   node --import tsx bench/pictures.ts [firefox|chromium]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ElementHandle } from 'puppeteer-core';
import { fill, launchBrowser, openPage, SEND, startSite, type BrowserKind } from '../test/browser/_harness.ts';
import { tempDir } from '../test/support/server.ts';
import { bigJpeg } from './media.ts';

async function benchIn(kind: BrowserKind, file: string, bytes: number): Promise<void> {
  const [site, launched] = await Promise.all([startSite(), launchBrowser(kind, 'ru-RU,ru')]);
  try {
    const { page } = await openPage(launched.browser, `${site.origin}/`);
    await page.waitForSelector('form#submit-form fieldset:not([disabled])');
    await page.click('#add-pictures');
    const input = (await page.waitForSelector('#picture-files')) as ElementHandle<HTMLInputElement>;
    const chosen = performance.now();
    await input.uploadFile(file);
    await page.waitForSelector('#picture-list li', { timeout: 600_000 });
    const cleanedMs = performance.now() - chosen;
    await fill(page, 'textarea[name=story]', 'Фото.');
    await page.click('input[name=consent]');
    const sending = performance.now();
    await page.click(SEND);
    await page.waitForSelector('[data-receipt]:not(:empty)', { visible: true, timeout: 600_000 });
    const sentMs = performance.now() - sending;
    const name = kind === 'firefox' ? 'Firefox ESR, Safer prefs' : 'Chromium';
    console.log(`pictures: ${name}: a ${(bytes / 2 ** 20).toFixed(1)} MiB JPEG cleaned in ${(cleanedMs / 1000).toFixed(2)} s; sealed, uploaded and sent with its story in ${(sentMs / 1000).toFixed(2)} s`);
  } finally {
    await launched.close();
    await site.close();
  }
}

export async function runPicturesBench(kinds: readonly BrowserKind[] = ['firefox', 'chromium']): Promise<void> {
  const temp = tempDir('sotto-bench-pictures-');
  try {
    const photo = bigJpeg();
    const file = path.join(temp.dir, 'photo.jpg');
    writeFileSync(file, photo);
    for (const kind of kinds) await benchIn(kind, file, photo.length);
  } finally {
    temp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const asked = process.argv.slice(2).filter((a): a is BrowserKind => a === 'firefox' || a === 'chromium');
  await runPicturesBench(asked.length > 0 ? asked : undefined);
}
