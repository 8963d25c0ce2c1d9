// Shared set-up for the browser tests: the real server (a child process, test/server/
// server-process.ts) with two editors whose keys are made here, the editors' side of the API
// (signed inbox requests, envelopes opened with libsodium), and the two browsers (Chromium;
// Firefox ESR with Tor Browser "Safer"-like prefs).
//
// Failures the real server cannot be made to produce on demand (network down, 503, 413, 507, an
// expired challenge, a broken translation file) come from test/browser/_fault-proxy.ts, which
// sits in front of this same server process and forwards everything else.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { b64uDecode } from '../../crypto/bytes.ts';
import { openEnvelope } from '../../crypto/envelope-sodium.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { decodeTestimony, type Testimony } from '../../crypto/testimony.ts';
import { keyListOf, makeEditors, signed, tempDir, type TestEditor } from '../support/server.ts';
import { startServer } from '../server/server-process.ts';

export type BrowserKind = 'chromium' | 'firefox';

/** Low enough that Firefox without JIT solves it in well under a second. */
export const TEST_DIFFICULTY = 8;

/** One stored submission as the editors see it through GET /api/v1/inbox. */
export interface Pulled {
  id: string;
  envelope: Uint8Array;
  /** The envelope opened with libsodium by every editor (all must read the same document). */
  testimony: Testimony;
}

interface InboxPage {
  items: { id: string; day: string; envelope: string }[];
  next: string | null;
  withdrawn: string[];
}

export interface Site {
  /** The real server's origin. */
  origin: string;
  /** SOTTO_DATA_DIR: everything the server writes (database, secret, built page). */
  dataDir: string;
  editors: TestEditor[];
  /** Submissions stored since the last call, in order, pulled by every editor through the signed
   * inbox API (never acknowledged, so the ciphertext stays on the server for inspection). */
  pullNew(): Promise<Pulled[]>;
  /** Ids of withdrawn submissions, as the inbox reports them to editors. */
  withdrawnIds(): Promise<string[]>;
  /** Every file under the data directory, read now. */
  files(): { file: string; bytes: Buffer }[];
  close(): Promise<void>;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

export async function startSite(): Promise<Site> {
  const editors = makeEditors(2);
  const data = tempDir('sotto-browser-data-');
  const keys = tempDir('sotto-browser-keys-');
  const keyListFile = path.join(keys.dir, 'editors.pub');
  writeFileSync(keyListFile, keyListOf(editors));
  const [server, sodium] = await Promise.all([
    startServer({ SOTTO_DATA_DIR: data.dir, SOTTO_EDITORS: keyListFile, SOTTO_POW_DIFFICULTY: String(TEST_DIFFICULTY) }),
    loadSodium(),
  ]);

  /** Every page of this editor's inbox. */
  async function inbox(editor: TestEditor): Promise<InboxPage> {
    const all: InboxPage = { items: [], next: null, withdrawn: [] };
    let after: string | null = null;
    do {
      const pathAndQuery: string = `/api/v1/inbox?limit=100${after ? `&after=${after}` : ''}`;
      const response = await fetch(new URL(pathAndQuery, server.url), signed(editor, 'GET', pathAndQuery));
      if (response.status !== 200) throw new Error(`inbox answered ${response.status}: ${await response.text()}`);
      const page = (await response.json()) as InboxPage;
      all.items.push(...page.items);
      all.withdrawn = page.withdrawn;
      after = page.next;
    } while (after);
    return all;
  }

  const seen = new Set<string>();
  return {
    origin: server.url,
    dataDir: data.dir,
    editors,
    async pullNew() {
      const pages = await Promise.all(editors.map(inbox));
      const fresh = pages.map((page) => page.items.filter((item) => !seen.has(item.id)));
      const ids = fresh.map((items) => items.map((item) => item.id).join());
      if (ids.some((list) => list !== ids[0])) throw new Error(`editors see different new submissions: ${ids.join(' / ')}`);
      return fresh[0]!.map((item, i) => {
        seen.add(item.id);
        const envelope = b64uDecode(item.envelope);
        const opened = editors.map((editor, e) => {
          if (fresh[e]![i]!.envelope !== item.envelope) throw new Error('editors were given different envelopes');
          const payload = openEnvelope(sodium, envelope, {
            x25519PublicKey: editor.identity.x25519.publicKey, x25519SecretKey: editor.identity.x25519.secretKey,
          });
          return decodeTestimony(payload);
        });
        if (JSON.stringify(opened[1]) !== JSON.stringify(opened[0])) throw new Error('editors opened different documents');
        return { id: item.id, envelope, testimony: opened[0]! };
      });
    },
    async withdrawnIds() {
      return (await inbox(editors[0]!)).withdrawn;
    },
    files: () => allFiles(data.dir).map((file) => ({ file, bytes: readFileSync(file) })),
    async close() {
      if (server.child.exitCode === null) await server.stop();
      data.remove();
      keys.remove();
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
  /** "METHOD url" of every request the page made, in order. */
  requests: string[];
}

/** Opens `url` in a new tab, recording every request the tab makes from before the first one. */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 900 }): Promise<OpenedPage> {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const requests: string[] = [];
  // about: and data: URLs (a Firefox built-in font) never reach the network.
  page.on('request', (request) => void (/^(about|data):/.test(request.url()) || requests.push(`${request.method()} ${request.url()}`)));
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

/** Picks a page language as a person would: opens the language menu, then presses the language. */
export async function chooseLanguage(page: Page, lang: string): Promise<void> {
  if (!(await page.$eval('#langs', (el) => (el as HTMLDetailsElement).open))) await page.click('#langs summary');
  await page.click(`[data-lang=${lang}]`);
}

export const SEND = '#submit-form button[type=submit]';

export async function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => el.textContent ?? '');
}

export async function sendStory(page: Page, story: { story: string; title?: string; contact?: string; region?: string }): Promise<string> {
  await fill(page, 'textarea[name=story]', story.story);
  if (story.title) await page.type('input[name=title]', story.title);
  if (story.contact) await fill(page, 'input[name=contact]', story.contact);
  if (story.region) await page.select('select[name=region]', story.region);
  await page.click('input[name=consent]');
  await page.click(SEND);
  await page.waitForSelector('[data-receipt]:not(:empty)', { visible: true, timeout: 30_000 });
  return textOf(page, '[data-receipt]');
}
