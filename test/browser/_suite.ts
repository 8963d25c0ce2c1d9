// The submit page, end to end in one browser: send, receipt, status, withdraw, what the envelope
// holds, where requests go, failures, languages, quick exit, JavaScript off, accessibility.
// chromium.test.ts and firefox.test.ts run it, one browser per file (so the two run in parallel).

import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64uEncode } from '../../crypto/bytes.ts';
import { openEnvelope } from '../../crypto/envelope-sodium.ts';
import { deriveReceipt, parseReceiptCode } from '../../crypto/receipt.ts';
import { loadSodium, type Sodium } from '../../crypto/sodium.ts';
import { decodeTestimony, type Testimony } from '../../crypto/testimony.ts';
import { DICTIONARIES, UI_LANGUAGES, type MessageKey } from '../../submit-client/i18n.ts';
import { en } from '../../submit-client/i18n/en.ts';
import { fill, launchBrowser, openPage, startSite, type BrowserKind, type Launched, type Site } from './_harness.ts';

const SCREENSHOTS = path.resolve('test-output/screenshots');
const AXE_SOURCE = readFile(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

const SEND = '#submit-form button[type=submit]';

async function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => el.textContent ?? '');
}

async function sendStory(page: Page, story: { story: string; title?: string; contact?: string; region?: string }): Promise<string> {
  await fill(page, 'textarea[name=story]', story.story);
  if (story.title) await page.type('input[name=title]', story.title);
  if (story.contact) await fill(page, 'input[name=contact]', story.contact);
  if (story.region) await page.select('select[name=region]', story.region);
  await page.click('input[name=consent]');
  await page.click(SEND);
  await page.waitForSelector('[data-receipt]:not(:empty)', { visible: true, timeout: 30_000 });
  return textOf(page, '[data-receipt]');
}

export function pageSuite(kind: BrowserKind): void {
  describe(`submit page in ${kind === 'firefox' ? 'Firefox ESR (Safer prefs)' : 'Chromium'}`, () => {
    let site: Site;
    let launched: Launched;
    let sodium: Sodium;

    beforeAll(async () => {
      [site, launched, sodium] = await Promise.all([startSite(), launchBrowser(kind, 'uk-UA,uk'), loadSodium()]);
      await mkdir(SCREENSHOTS, { recursive: true });
    });
    afterAll(async () => {
      await launched?.close();
      await site?.close();
    });

    /** The testimony inside the last stored envelope, opened by every editor with libsodium. */
    function lastTestimony(): Testimony {
      const envelope = site.submissions.at(-1)!.envelope!;
      const opened = site.editors.map((e) =>
        decodeTestimony(openEnvelope(sodium, envelope, { x25519PublicKey: e.x25519.publicKey, x25519SecretKey: e.x25519.secretKey })));
      expect(opened[1]).toEqual(opened[0]);
      return opened[0]!;
    }

    it('sends a story that opens with libsodium exactly as typed; the receipt checks the status and withdraws it', async () => {
      const { page, requests } = await openPage(launched.browser, `${site.origin}/`);
      const logged = site.log.length;
      const story = 'Меня зовут Саша. Это случилось весной 🌈🏳️‍⚧️.\nВторая строка — «кавычки» & <теги>.\n\n  Third paragraph, with spaces.  ';
      const code = await sendStory(page, { story, title: 'Весна 2024 🌷', contact: 'signal: sasha.42', region: 'volga' });

      const parsed = parseReceiptCode(code);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const receipt = deriveReceipt(parsed.ikm);
      expect(site.submissions.at(-1)!.verifier).toBe(b64uEncode(receipt.verifier));
      expect(lastTestimony()).toEqual({
        v: 1, story, title: 'Весна 2024 🌷', language: 'uk', region: 'volga', consent: true, contact: 'signal: sasha.42',
        replyKey: b64uEncode(receipt.reply.publicKey),
      });
      // Sent: the form is emptied; the code is large and alone on the receipt view.
      expect(await page.$eval('textarea[name=story]', (el) => (el as HTMLTextAreaElement).value)).toBe('');

      // The status view, loaded afresh as when a person comes back later.
      await page.goto('about:blank');
      await page.goto(`${site.origin}/#status`);
      await page.type('input[name=receipt]', code.toLowerCase().replace(/-/g, ' '));
      await page.click('#status-form button[type=submit]');
      await page.waitForSelector('#status-result[data-status=received]');
      await page.click('#withdraw');
      await page.waitForSelector('#withdraw-confirm', { visible: true });
      expect(site.submissions.at(-1)!.status).toBe('received');
      await page.click('#withdraw-yes');
      await page.waitForSelector('#status-result[data-status=withdrawn]');
      expect(site.submissions.at(-1)!.envelope).toBeNull();

      // Everything went to the page's own origin, and the server saw nothing it was not meant to.
      expect(requests.length).toBeGreaterThan(3);
      for (const url of requests) expect(new URL(url).origin).toBe(site.origin);
      expect(site.log.slice(logged)).toEqual(expect.arrayContaining(['GET /pow-worker.js', 'POST /api/v1/challenge', 'POST /api/v1/submissions', 'POST /api/v1/receipts/status']));
      await page.close();
    });

    it('sends a 100 KB story intact', async () => {
      const { page } = await openPage(launched.browser, `${site.origin}/`);
      const unit = 'Я помню тот день. 🙂 ';
      const story = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
      await sendStory(page, { story });
      const sent = lastTestimony();
      expect(sent.story).toBe(story);
      expect(sent).not.toHaveProperty('title');
      expect(sent).not.toHaveProperty('region');
      await page.close();
    });

    it('keeps the story and says why when sending fails, and retries an expired challenge once', async () => {
      const { page } = await openPage(launched.browser, `${site.origin}/`);
      await page.click('[data-lang=en]');
      await fill(page, 'textarea[name=story]', 'A story that must survive every failure.');
      await page.click(SEND);
      expect(await textOf(page, '#form-error')).toBe(en.errorConsentRequired);
      await page.click('input[name=consent]');

      site.setOffline(true);
      await page.click(SEND);
      await page.waitForFunction((text) => document.getElementById('form-error')?.textContent === text, {}, en.errorNetwork);
      site.setOffline(false);
      const failures: [typeof site.faults[number], MessageKey][] = [
        [{ status: 503, error: 'busy' }, 'errorBusy'],
        [{ status: 413, error: 'too large' }, 'errorTooBig'],
        [{ status: 507, error: 'storage full' }, 'errorStorage'],
      ];
      for (const [fault, message] of failures) {
        site.faults.push(fault);
        await page.click(SEND);
        await page.waitForFunction((text) => document.getElementById('form-error')?.textContent === text, {}, en[message]);
        expect(await page.$eval('textarea[name=story]', (el) => (el as HTMLTextAreaElement).value)).toBe('A story that must survive every failure.');
      }
      const before = site.submissions.length;
      const challengesBefore = site.log.filter((l) => l === 'POST /api/v1/challenge').length;
      site.faults.push({ status: 403, error: 'challenge expired' });
      await page.click(SEND);
      await page.waitForSelector('[data-receipt]:not(:empty)', { visible: true });
      expect(site.submissions.length).toBe(before + 1);
      expect(site.log.filter((l) => l === 'POST /api/v1/challenge').length).toBe(challengesBefore + 2);
      expect(lastTestimony().story).toBe('A story that must survive every failure.');
      await page.close();
    });

    it('follows the browser language, switches without losing text, and leaves nothing untranslated', async () => {
      const { page } = await openPage(launched.browser, `${site.origin}/`);
      expect(await page.$eval('html', (el) => el.lang)).toBe('uk');
      await page.type('textarea[name=story]', 'Текст, що має залишитися');
      await page.type('input[name=title]', 'Назва');
      for (const lang of UI_LANGUAGES) {
        await page.click(`[data-lang=${lang}]`);
        const shown = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          title: document.title,
          texts: [...document.querySelectorAll<HTMLElement>('[data-i18n]')].map((el) => [el.dataset.i18n!, el.textContent ?? '']),
          labels: [...document.querySelectorAll<HTMLElement>('[data-i18n-label]')].map((el) => [el.dataset.i18nLabel!, el.getAttribute('aria-label') ?? '']),
          story: (document.querySelector('textarea[name=story]') as HTMLTextAreaElement).value,
          title2: (document.querySelector('input[name=title]') as HTMLInputElement).value,
        }));
        expect(shown.lang).toBe(lang);
        expect(shown.story).toBe('Текст, що має залишитися');
        expect(shown.title2).toBe('Назва');
        expect(shown.title).toBe(DICTIONARIES[lang].pageTitle);
        expect(shown.texts.length).toBeGreaterThan(50);
        for (const [key, text] of [...shown.texts, ...shown.labels]) {
          expect(text, `${lang}: ${key}`).not.toBe('');
          if (lang !== 'en') expect(text, `${lang}: ${key} is still English`).not.toBe(en[key as MessageKey]);
        }
      }
      await page.close();
    });

    it('quick exit replaces the page and leaves no history entry (button, then Escape twice)', async () => {
      const page = await launched.browser.newPage();
      for (const trigger of ['button', 'escape'] as const) {
        await page.goto(`${site.origin}/`);
        const length = await page.evaluate(() => history.length);
        await page.type('textarea[name=story]', 'secret');
        if (trigger === 'button') await page.click('#quick-exit');
        else {
          await page.keyboard.press('Escape');
          await page.keyboard.press('Escape');
        }
        await page.waitForFunction(() => location.pathname === '/neutral');
        expect(await page.evaluate(() => history.length)).toBe(length);
      }
      await page.close();
    });

    it('with JavaScript off, explains why and cannot send', async () => {
      const noScript = await launchBrowser(kind, 'en-US,en', false);
      const page = await noScript.browser.newPage();
      await page.goto(`${site.origin}/`);
      expect(await page.$eval('noscript', (el) => el.textContent)).toContain('JavaScript');
      const state = await page.evaluate(() => ({
        disabled: (document.getElementById('submit-fields') as HTMLFieldSetElement).disabled,
        noscriptShown: [...document.querySelectorAll('main p[lang]')].length,
        action: document.getElementById('submit-form')!.getAttribute('action'),
      }));
      expect(state).toEqual({ disabled: true, noscriptShown: 4, action: null });
      // Even if text got in and the form were submitted, nothing would leave: every field is
      // disabled, the form has no action, and the CSP says form-action 'none'.
      const logged = site.log.length;
      await page.$eval('textarea[name=story]', (el) => ((el as HTMLTextAreaElement).value = 'plaintext'));
      await page.$eval('#submit-form', (form) => (form as HTMLFormElement).requestSubmit());
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(site.log.slice(logged)).toEqual([]);
      expect(page.url()).toBe(`${site.origin}/`);
      await noScript.close();
    });

    it('has no axe-core violations, fits 360 px and 200 % zoom; screenshots', async () => {
      const axe = await AXE_SOURCE;
      const { page } = await openPage(launched.browser, `${site.origin}/`);
      const audit = async (label: string): Promise<void> => {
        await page.evaluate(axe);
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document);
          return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
        });
        expect(violations, label).toEqual([]);
      };
      const fits = async (label: string): Promise<void> => {
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${label} overflows`).toBe(true);
      };
      for (const lang of ['ru', 'en'] as const) {
        await page.click(`[data-lang=${lang}]`);
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
      await page.setViewport({ width: 360, height: 780 });
      await fits('receipt at 360 px');
      await page.screenshot({ path: path.join(SCREENSHOTS, `${kind}-en-receipt-360.png`), fullPage: true });
      await page.setViewport({ width: 1280, height: 900 });
      await audit('receipt');

      await page.click('#view-receipt a[href="#status"]');
      expect(await page.$eval('input[name=receipt]', (el) => (el as HTMLInputElement).value)).toBe(code);
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
