// The submit page, end to end in one browser against the real server process: send, receipt,
// status, withdraw, what the envelope holds and what the server keeps, where requests go,
// failures (through test/browser/_fault-proxy.ts), languages, quick exit, JavaScript off,
// accessibility. chromium.test.ts and firefox.test.ts run it, one browser per file (so the two
// run in parallel).

import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { HTTPRequest } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64uEncode } from '../../crypto/bytes.ts';
import { deriveReceipt, parseReceiptCode } from '../../crypto/receipt.ts';
import { STORY_MAX_CHARS } from '../../crypto/testimony-rules.ts';
import { DEFAULT_EXIT_URL } from '../../submit-client/page-template.ts';
import { UI_LANGUAGES, fillMessage, type MessageKey } from '../../submit-client/i18n.ts';
import { DICTIONARIES } from '../../submit-client/dictionaries.ts';
import { en } from '../../submit-client/i18n/en.ts';
import { fillPlurals } from '../../submit-client/plural.ts';
import { startFaultProxy, type Fault } from './_fault-proxy.ts';
import { axeViolations } from './_page-checks.ts';
import { SEND, chooseLanguage, fill, launchBrowser, openPage, sendStory, startSite, textOf, type BrowserKind, type Launched, type Pulled, type Site } from './_harness.ts';

const SCREENSHOTS = path.resolve('test-output/screenshots');

/** A distinctive, random piece of text, so a search of the server's files cannot match anything else. */
const marker = (): string => randomBytes(6).toString('hex');

/** Where `needle` (UTF-8) occurs in the server's files, or [] if nowhere. */
function filesHolding(site: Site, needle: string | Uint8Array): string[] {
  const bytes = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : Buffer.from(needle);
  return site.files().filter((file) => file.bytes.includes(bytes)).map((file) => path.relative(site.dataDir, file.file));
}

export function pageSuite(kind: BrowserKind): void {
  describe(`submit page in ${kind === 'firefox' ? 'Firefox ESR (Safer prefs)' : 'Chromium'}`, () => {
    let site: Site;
    let launched: Launched;

    beforeAll(async () => {
      [site, launched] = await Promise.all([startSite(), launchBrowser(kind, 'uk-UA,uk')]);
      await mkdir(SCREENSHOTS, { recursive: true });
    });
    afterAll(async () => {
      await launched?.close();
      await site?.close();
    });

    /** The one submission stored since the last look, as the editors open it. */
    async function onlyNewSubmission(): Promise<Pulled> {
      const pulled = await site.pullNew();
      expect(pulled.map((p) => p.id)).toHaveLength(1);
      return pulled[0]!;
    }

    it('sends a story that opens with libsodium exactly as typed; the server holds no plaintext; the receipt checks the status and withdraws it', async () => {
      const { page, requests } = await openPage(launched.browser, `${site.origin}/`);
      const [m1, m2, m3] = [marker(), marker(), marker()];
      const story = `Меня зовут Саша ${m1}. Это случилось весной 🌈🏳️‍⚧️.\nВторая строка — «кавычки» & <теги>.\n\n  Third paragraph, with spaces.  `;
      const typed = { story, title: `Весна 2024 🌷 ${m2}`, contact: `signal: sasha.${m3}`, region: 'volga' };
      const code = await sendStory(page, typed);

      const parsed = parseReceiptCode(code);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const receipt = deriveReceipt(parsed.ikm);
      const sent = await onlyNewSubmission();
      expect(sent.testimony).toEqual({
        v: 1, ...typed, language: 'uk', consent: true, replyKey: b64uEncode(receipt.reply.publicKey),
      });
      // Sent: the form is emptied.
      expect(await page.$eval('textarea[name=story]', (el) => (el as HTMLTextAreaElement).value)).toBe('');

      // The server holds the ciphertext (control: the search does see what is stored) and not one
      // distinctive piece of what was typed, nor the receipt code.
      expect(filesHolding(site, sent.envelope.subarray(-64))).not.toEqual([]);
      const needles = [m1, m2, m3, code, ...story.split('\n').map((line) => line.trim()).filter((line) => line.length > 8), typed.title, typed.contact];
      for (const needle of needles) expect(filesHolding(site, needle), `"${needle}" on the server`).toEqual([]);

      // The status view, loaded afresh as when a person comes back later.
      await page.goto('about:blank');
      await page.goto(`${site.origin}/#status`);
      await page.waitForSelector('#status-fields:not([disabled])'); // status.js is loaded when the view opens
      await page.type('input[name=receipt]', code.toLowerCase().replace(/-/g, ' '));
      await page.click('#status-form button[type=submit]');
      await page.waitForSelector('#status-result[data-status=received]');
      await page.click('#withdraw');
      await page.waitForSelector('#withdraw-confirm', { visible: true });
      expect(await site.withdrawnIds()).not.toContain(sent.id);
      await page.click('#withdraw-yes');
      await page.waitForSelector('#status-result[data-status=withdrawn]');
      // The editors are told, and the envelope is no longer handed out.
      expect(await site.withdrawnIds()).toContain(sent.id);
      expect(await site.pullNew()).toEqual([]);

      // Everything went to the page's own origin. The files are exactly what bench/page.ts
      // counts as the page's weight: the page, its style, script and worker, and one language;
      // and, once the status view was opened, its own script.
      const urls = requests.map((r) => new URL(r.slice(r.indexOf(' ') + 1)));
      for (const url of urls) expect(url.origin).toBe(site.origin);
      const loaded = new Set(requests.filter((r) => r.startsWith('GET ')).map((r) => new URL(r.slice(4)).pathname));
      // The page names its own tab icon, so the browser never asks for /favicon.ico (a 404).
      expect(loaded.has('/favicon.ico')).toBe(false);
      loaded.delete('/favicon.svg');
      expect([...loaded].sort()).toEqual(['/', '/app.js', '/i18n/uk.json', '/pow-worker.js', '/status.js', '/style.css']);
      expect(await page.evaluate(async () => {
        const response = await fetch(document.querySelector<HTMLLinkElement>('link[rel=icon]')!.href);
        return [response.status, response.headers.get('content-type')];
      })).toEqual([200, 'image/svg+xml']);
      expect(requests).toEqual(expect.arrayContaining([
        `POST ${site.origin}/api/v1/challenge`, `POST ${site.origin}/api/v1/submissions`, `POST ${site.origin}/api/v1/receipts/status`,
      ]));
      await page.close();
    });

    it('sends a 100 KB story intact', async () => {
      const { page } = await openPage(launched.browser, `${site.origin}/`);
      const unit = 'Я помню тот день. 🙂 ';
      const story = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
      await sendStory(page, { story });
      const sent = (await onlyNewSubmission()).testimony;
      expect(sent.story).toBe(story);
      expect(filesHolding(site, unit.repeat(3)), 'the story on the server').toEqual([]);
      expect(sent).not.toHaveProperty('title');
      expect(sent).not.toHaveProperty('region');
      await page.close();
    });

    it('keeps the story and says why when sending fails, and retries an expired challenge once', async () => {
      const proxy = await startFaultProxy(site.origin);
      try {
        const { page, requests } = await openPage(launched.browser, `${proxy.origin}/`);
        await chooseLanguage(page, 'en');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
        await fill(page, 'textarea[name=story]', 'A story that must survive every failure.');
        await page.click(SEND);
        expect(await textOf(page, '#form-error')).toBe(en.errorConsentRequired);
        await page.click('input[name=consent]');

        proxy.setOffline(true);
        await page.click(SEND);
        await page.waitForFunction((text) => document.getElementById('form-error')?.textContent === text, {}, en.errorNetwork);
        proxy.setOffline(false);
        const failures: [Fault, MessageKey][] = [
          ['busy', 'errorBusy'],
          ['too_large', 'errorTooBig'],
          ['storage_full', 'errorStorage'],
        ];
        for (const [fault, message] of failures) {
          proxy.faults.push(fault);
          await page.click(SEND);
          await page.waitForFunction((text) => document.getElementById('form-error')?.textContent === text, {}, en[message]);
          expect(await page.$eval('textarea[name=story]', (el) => (el as HTMLTextAreaElement).value)).toBe('A story that must survive every failure.');
        }
        expect(proxy.faults).toEqual([]);
        expect(await site.pullNew()).toEqual([]);

        const challenges = (): number => requests.filter((r) => r === `POST ${proxy.origin}/api/v1/challenge`).length;
        const challengesBefore = challenges();
        proxy.faults.push('challenge_expired');
        await page.click(SEND);
        await page.waitForSelector('[data-receipt]:not(:empty)', { visible: true });
        expect(challenges()).toBe(challengesBefore + 2);
        expect((await onlyNewSubmission()).testimony.story).toBe('A story that must survive every failure.');
        await page.close();
      } finally {
        await proxy.close();
      }
    });

    it('follows the browser language, switches without losing text, and leaves nothing untranslated', async () => {
      const { page } = await openPage(launched.browser, `${site.origin}/`);
      expect(await page.$eval('html', (el) => el.lang)).toBe('uk');
      await page.type('textarea[name=story]', 'Текст, що має залишитися');
      await page.type('input[name=title]', 'Назва');
      for (const lang of UI_LANGUAGES) {
        await chooseLanguage(page, lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, {}, lang);
        const shown = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          title: document.title,
          texts: [...document.querySelectorAll<HTMLElement>('[data-i18n]')].map((el) => [el.dataset.i18n!, el.textContent ?? '', el.dataset.i18nValues ?? '{}']),
          labels: [...document.querySelectorAll<HTMLElement>('[data-i18n-label]')].map((el) => [el.dataset.i18nLabel!, el.getAttribute('aria-label') ?? '']),
          story: (document.querySelector('textarea[name=story]') as HTMLTextAreaElement).value,
          title2: (document.querySelector('input[name=title]') as HTMLInputElement).value,
        }));
        expect(shown.lang).toBe(lang);
        expect(shown.story).toBe('Текст, що має залишитися');
        expect(shown.title2).toBe('Назва');
        expect(shown.title).toBe(DICTIONARIES[lang].pageTitle);
        expect(shown.texts.length).toBeGreaterThan(50);
        // Every text exactly as in the dictionary: Russian too, which after Ukrainian comes from
        // what the page read back from its pre-rendered HTML plus what app.js carries.
        // Numbers are written by the browser's own locale data, which may differ from Node's
        // (Debian's Chromium writes Belarusian "200,000" where Node writes "200 000").
        for (const [key, text, values] of shown.texts) {
          const numbers = JSON.parse(values!) as Record<string, string | number>;
          const written = Object.fromEntries(await Promise.all(Object.entries(numbers).map(async ([name, value]) =>
            [name, typeof value === 'number' ? await page.evaluate((l, n) => new Intl.NumberFormat(l).format(n), lang, value) : value])));
          expect(text, `${lang}: ${key}`).toBe(fillMessage(fillPlurals(DICTIONARIES[lang][key as MessageKey], lang, numbers), lang, written));
        }
        for (const [key, text] of shown.labels) expect(text, `${lang}: ${key}`).toBe(DICTIONARIES[lang][key as MessageKey]);
        for (const [key, text] of [...shown.texts, ...shown.labels]) {
          expect(text, `${lang}: ${key}`).not.toBe('');
          // Place names aside: "Volga" or "Ural" is the same word in several languages.
          if (lang !== 'en' && !key!.startsWith('region_')) expect(text, `${lang}: ${key} is still English`).not.toBe(en[key as MessageKey]);
        }
      }
      // Back to Russian after another language: its run-time messages are there too.
      await chooseLanguage(page, 'ru');
      await page.waitForFunction(() => document.documentElement.lang === 'ru');
      await page.click(SEND);
      expect(await textOf(page, '#form-error')).toBe(DICTIONARIES.ru.errorConsentRequired);
      expect(await textOf(page, '#story-count')).toBe(fillMessage(DICTIONARIES.ru.storyCount, 'ru', { count: 'Текст, що має залишитися'.length, max: STORY_MAX_CHARS }));
      await page.close();
    });

    it('stays usable in Russian when a translation cannot be loaded or was altered, and switches once it loads', async () => {
      const proxy = await startFaultProxy(site.origin);
      try {
        const languageError = (text: string) => page.waitForFunction((t) => document.getElementById('lang-error')?.textContent === t, {}, text);
        const story = 'История, которая должна дойти.';
        // The browser prefers Ukrainian, whose file does not arrive: the page stays as pre-rendered.
        proxy.setTranslations('drop');
        const { page, requests } = await openPage(launched.browser, `${proxy.origin}/`);
        await languageError(DICTIONARIES.ru.errorLanguage);
        expect(requests).toContain(`GET ${proxy.origin}/i18n/uk.json`);
        expect(await page.$eval('html', (el) => el.lang)).toBe('ru');
        await page.type('textarea[name=story]', story);
        await page.click(SEND);
        expect(await textOf(page, '#form-error')).toBe(DICTIONARIES.ru.errorConsentRequired);

        // A file altered on the way (still a complete dictionary) is refused by its pinned hash.
        proxy.setTranslations('tamper');
        await chooseLanguage(page, 'en');
        await languageError(DICTIONARIES.ru.errorLanguage);
        expect(requests).toContain(`GET ${proxy.origin}/i18n/en.json`);
        expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['ru', DICTIONARIES.ru.pageTitle]);

        // Once it arrives intact, the switch happens, and keeps the text.
        proxy.setTranslations('pass');
        await chooseLanguage(page, 'en');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
        expect(await textOf(page, '#lang-error')).toBe('');
        expect(await textOf(page, '#form-error')).toBe(en.errorConsentRequired);
        expect(await page.$eval('textarea[name=story]', (el) => (el as HTMLTextAreaElement).value)).toBe(story);
        await page.click('input[name=consent]');
        await page.click(SEND);
        await page.waitForSelector('[data-receipt]:not(:empty)', { visible: true });
        expect((await onlyNewSubmission()).testimony).toMatchObject({ story, language: 'en' });
        await page.close();
      } finally {
        await proxy.close();
      }
    });

    it('quick exit replaces the page and leaves no history entry (button, then Escape twice)', async () => {
      const page = await launched.browser.newPage();
      // The neutral site is answered here, so the test never reaches the real one.
      const exitOrigin = new URL(DEFAULT_EXIT_URL).origin;
      await page.setRequestInterception(true);
      page.on('request', (request: HTTPRequest) => void (new URL(request.url()).origin === exitOrigin
        ? request.respond({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Wikipedia</title><p>neutral</p>' })
        : request.continue()));
      for (const trigger of ['button', 'escape'] as const) {
        await page.goto(`${site.origin}/`);
        const length = await page.evaluate(() => history.length);
        await page.type('textarea[name=story]', 'secret');
        if (trigger === 'button') await page.click('#quick-exit');
        else {
          await page.keyboard.press('Escape');
          await page.keyboard.press('Escape');
        }
        await page.waitForFunction((url) => location.href === url, {}, DEFAULT_EXIT_URL);
        expect(await page.evaluate(() => history.length)).toBe(length);
      }
      await page.close();
    });

    it('with JavaScript off, explains why and cannot send', async () => {
      const noScript = await launchBrowser(kind, 'en-US,en', false);
      try {
        const { page, requests } = await openPage(noScript.browser, `${site.origin}/`);
        expect(await page.$eval('noscript', (el) => el.textContent)).toContain('JavaScript');
        const state = await page.evaluate(() => ({
          disabled: (document.getElementById('submit-fields') as HTMLFieldSetElement).disabled,
          noscriptShown: [...document.querySelectorAll('main p[lang]')].length,
          action: document.getElementById('submit-form')!.getAttribute('action'),
        }));
        expect(state).toEqual({ disabled: true, noscriptShown: 3, action: null });
        // Even if text got in and the form were submitted, nothing would leave: every field is
        // disabled, the form has no action, and the CSP says form-action 'none'.
        const before = requests.length;
        await page.$eval('textarea[name=story]', (el) => ((el as HTMLTextAreaElement).value = 'plaintext'));
        await page.$eval('#submit-form', (form) => (form as HTMLFormElement).requestSubmit());
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(requests.slice(before)).toEqual([]);
        expect(page.url()).toBe(`${site.origin}/`);
        expect(await site.pullNew()).toEqual([]);
      } finally {
        await noScript.close();
      }
    });

    it('has no axe-core violations, fits 360 px and 200 % zoom; screenshots', async () => {
      const { page } = await openPage(launched.browser, `${site.origin}/`);
      const audit = async (label: string): Promise<void> => expect(await axeViolations(page), label).toEqual([]);
      const fits = async (label: string): Promise<void> => {
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${label} overflows`).toBe(true);
      };
      for (const lang of ['ru', 'en'] as const) {
        await chooseLanguage(page, lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, {}, lang);
        await page.setViewport({ width: 1280, height: 900 });
        await page.screenshot({ path: path.join(SCREENSHOTS, `${kind}-${lang}-desktop.png`), fullPage: true });
        await page.setViewport({ width: 360, height: 780 });
        await fits(`${lang} 360 px`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${kind}-${lang}-360.png`), fullPage: true });
      }
      // 200 % zoom of a 1280-px window lays out like a 640-px one.
      await page.setViewport({ width: 640, height: 450, deviceScaleFactor: 2 });
      await fits('200 % zoom');
      await page.setViewport({ width: 1280, height: 900 });
      await page.click(SEND);
      await audit('form with an error');

      const code = await sendStory(page, { story: 'Короткая история.' });
      expect((await onlyNewSubmission()).testimony.story).toBe('Короткая история.');
      await page.setViewport({ width: 360, height: 780 });
      await fits('receipt at 360 px');
      await page.screenshot({ path: path.join(SCREENSHOTS, `${kind}-en-receipt-360.png`), fullPage: true });
      await page.setViewport({ width: 1280, height: 900 });
      await audit('receipt');

      await page.click('#view-receipt a[href="#status"]');
      // The status view fills the code in on the hash change, which a loaded machine may deliver late.
      await page.waitForFunction((expected) => document.querySelector<HTMLInputElement>('input[name=receipt]')?.value === expected, {}, code);
      expect(await textOf(page, '[data-receipt]')).toBe('');
      await page.click('#status-form button[type=submit]');
      await page.waitForSelector('#status-result[data-status=received]');
      await page.click('#withdraw');
      await page.screenshot({ path: path.join(SCREENSHOTS, `${kind}-en-status-desktop.png`), fullPage: true });
      await audit('status with the withdraw confirmation');
      await page.close();
    });
  });
}
