// Every page language, end to end against the real server: send, receipt, status, withdraw, with
// axe-core on each view and the layout checked (test/browser/_page-checks.ts) on a 360-px phone and a
// 1280-px desktop; screenshots of each under test-output/screenshots/. Also: the demo warning on a
// demo server, and the Esc hint only where a keyboard is likely. chromium-languages.test.ts runs
// every language, firefox-languages.test.ts a sample.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../submit-client/dictionaries.ts';
import type { MessageKey, UiLanguage } from '../../submit-client/i18n.ts';
import { startServer } from '../server/server-process.ts';
import { tempDir } from '../support/server.ts';
import { SEND, chooseLanguage, launchBrowser, openPage, textOf, startSite, type BrowserKind, type Launched, type Site } from './_harness.ts';
import { axeViolations, layoutProblems } from './_page-checks.ts';

const SCREENSHOTS = path.resolve('test-output/screenshots');
const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1280, height: 900 };

export function languageSuite(kind: BrowserKind, languages: readonly UiLanguage[]): void {
  describe(`the page in each language, ${kind === 'firefox' ? 'Firefox ESR (Safer prefs)' : 'Chromium'}`, () => {
    let site: Site;
    let launched: Launched;

    beforeAll(async () => {
      [site, launched] = await Promise.all([startSite(), launchBrowser(kind, 'ru-RU,ru')]);
      await mkdir(SCREENSHOTS, { recursive: true });
    });
    afterAll(async () => {
      await launched?.close();
      await site?.close();
    });

    /** Accessible and laid out right, as shown now; a full-page screenshot for people to look at. */
    async function check(page: Page, lang: UiLanguage, view: string): Promise<void> {
      const width = page.viewport()!.width;
      expect(await layoutProblems(page), `${lang} ${view} at ${width} px`).toEqual([]);
      expect(await axeViolations(page), `${lang} ${view} at ${width} px`).toEqual([]);
      // From the top, so the sticky header is drawn where it belongs in the full-page picture.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SCREENSHOTS, `${kind}-${lang}-${view}-${width}.png`), fullPage: true });
    }

    /** Clicks `selector` once it is scrolled to the middle of the window: puppeteer clicks where
     * the element is, and a sticky header over it would take the click. */
    const tap = async (page: Page, selector: string): Promise<void> => {
      await page.$eval(selector, (el) => el.scrollIntoView({ block: 'center' }));
      await page.click(selector);
    };

    const says = (page: Page, selector: string, lang: UiLanguage, key: MessageKey) =>
      page.waitForFunction((s, text) => document.querySelector(s)?.textContent === text, {}, selector, DICTIONARIES[lang][key]);

    it.each(languages)('%s: sends, gives a receipt, checks the status and withdraws; accessible and uncut at 360 and 1280 px', async (lang) => {
      const { page } = await openPage(launched.browser, `${site.origin}/`, PHONE);
      await chooseLanguage(page, lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, {}, lang);
      expect(await page.$eval('select[name=language]', (el) => (el as HTMLSelectElement).value)).toBe(lang);
      expect(await textOf(page, '#langs summary [data-lang-current]')).toBe(DICTIONARIES[lang].languageName);
      await check(page, lang, 'form');
      await page.setViewport(DESKTOP);
      await check(page, lang, 'form');
      await page.click('#langs summary');
      await check(page, lang, 'menu');
      await page.setViewport(PHONE);
      await check(page, lang, 'menu');
      await page.click('#langs summary');

      // A refused send moves focus to the consent box: it must not end up under the header.
      const story = `${lang}: ${DICTIONARIES[lang].formTitle}`;
      await page.type('textarea[name=story]', story);
      await page.select('select[name=region]', 'far-eastern');
      await page.click(SEND);
      await says(page, '#form-error', lang, 'errorConsentRequired');
      await check(page, lang, 'error');

      await tap(page, 'input[name=consent]');
      await tap(page, SEND);
      await page.waitForSelector('[data-receipt]:not(:empty)', { visible: true, timeout: 30_000 });
      const code = await textOf(page, '[data-receipt]');
      const [sent] = await site.pullNew();
      expect(sent!.testimony).toMatchObject({ story, language: lang, region: 'far-eastern' });
      expect(await textOf(page, '#receipt-title')).toBe(DICTIONARIES[lang].receiptTitle);
      await check(page, lang, 'receipt');

      await page.click('#view-receipt a[href="#status"]');
      // The status view fills the code in on the hash change, which may arrive a moment later.
      await page.waitForFunction((expected) => document.querySelector<HTMLInputElement>('input[name=receipt]')?.value === expected, {}, code);
      await check(page, lang, 'status');
      await page.click('#status-form button[type=submit]');
      await says(page, '#status-result', lang, 'status_received');
      await page.click('#withdraw');
      await page.waitForSelector('#withdraw-confirm', { visible: true });
      await check(page, lang, 'withdraw');
      await page.click('#withdraw-yes');
      await says(page, '#status-result', lang, 'status_withdrawn');
      expect(await site.withdrawnIds()).toContain(sent!.id);
      await page.setViewport(DESKTOP);
      await check(page, lang, 'withdrawn');
      await page.close();
    }, 120_000);

    it('on a demo server, warns in every language not to send a real story, and says so in /api/v1/config', async () => {
      const data = tempDir('sotto-demo-');
      const demo = await startServer({ SOTTO_DATA_DIR: data.dir, SOTTO_POW_DIFFICULTY: '8' });
      try {
        expect(await (await fetch(`${demo.url}/api/v1/config`)).json()).toMatchObject({ demo: true });
        const { page } = await openPage(launched.browser, `${demo.url}/`, PHONE);
        // Russian, as served: the warning is the first thing under the header.
        expect(await textOf(page, '#demo-title')).toBe(DICTIONARIES.ru.demoTitle);
        const first = await page.evaluate(() => document.querySelector('header.top')!.nextElementSibling!.querySelector('h2')?.id);
        expect(first).toBe('demo-title');
        for (const lang of languages) {
          await chooseLanguage(page, lang);
          await page.waitForFunction((l) => document.documentElement.lang === l, {}, lang);
          expect(await textOf(page, '#demo-title')).toBe(DICTIONARIES[lang].demoTitle);
          expect(await textOf(page, '.demo-note')).toBe(DICTIONARIES[lang].demoTitle);
          expect(await page.$eval('#demo-title + p', (el) => el.textContent)).toBe(DICTIONARIES[lang].demoText);
        }
        await check(page, languages.at(-1)!, 'demo');
        await page.close();
      } finally {
        await demo.stop();
        data.remove();
      }
    });

    it('mentions Esc where a keyboard is likely, and not on a touch screen', async () => {
      const { page } = await openPage(launched.browser, `${site.origin}/`, PHONE);
      const shown = () => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.kbd-only, .touch-only')]
        .filter((el) => el.getClientRects().length > 0).map((el) => el.dataset.i18n));
      expect(await shown()).toEqual(['quickExitHint', 'safetyExitKeyboard']);
      if (kind === 'chromium') {
        // A phone: touch only, no mouse or touchpad.
        await page.setViewport({ ...PHONE, hasTouch: true, isMobile: true });
        expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
        expect(await shown()).toEqual(['safetyExit']);
        await check(page, 'ru', 'touch');
      }
      await page.close();
    });
  });
}
