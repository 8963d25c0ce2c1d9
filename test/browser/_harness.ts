// Shared set-up for the browser tests: editors with real keys, the page built for them, a server,
// and the two browsers (Chromium; Firefox ESR with Tor Browser "Safer"-like prefs).
//
// The server is test/browser/_fake-api.ts for now. To run against the real one, make
// `startSite` spawn `node dist/server.mjs` with SOTTO_DATA_DIR (a temp dir), SOTTO_EDITORS (the
// key list file), SOTTO_PORT (a free port) and SOTTO_POW_DIFFICULTY=low, and read envelopes
// back through the signed inbox API; tests only use the `Site` interface below.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { generateIdentity, publicKeyLineOf, type Identity } from '../../crypto/identity.ts';
import { parseKeyList } from '../../crypto/public-key.ts';
import { buildSubmitPage } from '../../submit-client/build.ts';
import { startFakeApi, type Fault, type StoredSubmission } from './_fake-api.ts';

export type BrowserKind = 'chromium' | 'firefox';

/** Low enough that Firefox without JIT solves it in well under a second. */
export const TEST_DIFFICULTY = 8;

export interface Site {
  origin: string;
  editors: Identity[];
  submissions: StoredSubmission[];
  /** "METHOD /path" of every request the server answered. */
  log: string[];
  /** Forced answers for the next submissions (fake server only). */
  faults: Fault[];
  /** Drops every API connection while on (fake server only). */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  const editors = [generateIdentity(), generateIdentity()];
  const keyList = editors.map((e, i) => publicKeyLineOf(e, `editor ${i + 1}`)).join('\n');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sotto-page-'));
  await writeFile(path.join(dir, 'editors.pub'), keyList);
  const siteDir = path.join(dir, 'site');
  await buildSubmitPage({ editorsKeyList: keyList, outDir: siteDir, exitUrl: '/neutral' });
  const api = await startFakeApi({ siteDir, editors: parseKeyList(keyList), difficulty: TEST_DIFFICULTY });
  return {
    origin: api.origin,
    editors,
    submissions: api.submissions,
    log: api.log,
    faults: api.faults,
    setOffline: api.setOffline,
    async close() {
      await api.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Tor Browser's "Safer" level, as far as prefs go: no WebAssembly, no JIT. */
export const FIREFOX_SAFER_PREFS = {
  'javascript.options.wasm': false,
  'javascript.options.ion': false,
  'javascript.options.baselinejit': false,
  'javascript.options.native_regexp': false,
  'javascript.options.asmjs': false,
};

export interface Launched {
  browser: Browser;
  close(): Promise<void>;
}

/** Launches a fresh browser whose preferred language is `acceptLanguage` (e.g. "uk-UA,uk"),
 * with JavaScript on unless `javascript` is false (Firefox over BiDi cannot turn it off per page). */
export async function launchBrowser(kind: BrowserKind, acceptLanguage = 'en-US,en', javascript = true): Promise<Launched> {
  const profile = await mkdtemp(path.join(os.tmpdir(), `sotto-${kind}-`));
  const browser = kind === 'chromium'
    ? await puppeteer.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        userDataDir: profile,
        args: [
          ...CHROMIUM_FLAGS, `--lang=${acceptLanguage.split(',')[0]}`, `--accept-lang=${acceptLanguage}`,
          ...(javascript ? [] : ['--blink-settings=scriptEnabled=false']),
        ],
      })
    : await puppeteer.launch({
        browser: 'firefox',
        executablePath: '/usr/bin/firefox-esr',
        headless: true,
        userDataDir: profile,
        extraPrefsFirefox: { ...FIREFOX_SAFER_PREFS, 'intl.accept_languages': acceptLanguage, 'javascript.enabled': javascript },
      });
  return {
    browser,
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Every URL the page requested, in order. */
  requests: string[];
}

export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 900 }): Promise<OpenedPage> {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const requests: string[] = [];
  // about: and data: URLs (a Firefox built-in font) never reach the network.
  page.on('request', (request) => void (/^(about|data):/.test(request.url()) || requests.push(request.url())));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests };
}

/** Sets a field's value as if typed (an input event follows), for texts too long to type. */
export async function fill(page: Page, selector: string, value: string): Promise<void> {
  await page.$eval(selector, (el, v) => {
    (el as HTMLInputElement).value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}
