// The whole path against the real server process (dist/server.mjs): keys made by the CLI, the
// server configured with them, submissions built with crypto/ as the submit page builds them and
// one typed into the real submit page in Chromium (test/browser/_harness.ts launches it), then
// pull → list/show → anonymise --auto → approve → export, status push, withdrawal.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64uEncode } from '../../crypto/bytes.ts';
import { deriveReceipt, parseReceiptCode } from '../../crypto/receipt.ts';
import { launchBrowser, openPage, type Launched } from '../browser/_harness.ts';
import { ensureBuilt, makeEditor, makeSubmission, PASSPHRASE, ROOT, runCli, submitTo, tempDir, type Submission, type TestEditor } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let server: ChildProcess;
let url: string;
let anna: TestEditor;
let boris: TestEditor;
const sent: Submission[] = [];
let chromium: Launched;

/** What is typed into the real submit page (Russian UI, so the story's language is Russian). */
const TYPED = { story: 'Мы познакомились в Казани на улице Баумана 🌈', title: 'Встреча весной 🌷', language: 'ru' };
/** The receipt code the page showed after sending TYPED. */
let pageReceipt: string;
/** The key-set fingerprint the page's script computed and showed. */
let pageFingerprint: string;
let keyList: string;

/** Opens the server's page in Chromium, types TYPED, ticks consent, sends; returns the receipt code. */
async function submitThroughPage(): Promise<string> {
  const { page } = await openPage(chromium.browser, `${url}/`);
  await page.waitForSelector('form#submit-form fieldset:not([disabled])');
  pageFingerprint = await page.$eval('[data-fingerprint]', (el) => el.textContent ?? '');
  expect(await page.$eval('select[name=language]', (el) => (el as HTMLSelectElement).value)).toBe(TYPED.language);
  await page.type('textarea[name=story]', TYPED.story);
  await page.type('input[name=title]', TYPED.title);
  await page.click('input[name=consent]');
  await page.click('form#submit-form button[type=submit]');
  await page.waitForSelector('[data-receipt]:not(:empty)', { visible: true, timeout: 30_000 });
  const code = await page.$eval('[data-receipt]', (el) => el.textContent ?? '');
  await page.close();
  return code.trim();
}

async function startServer(keyList: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server.mjs')], {
    env: { PATH: process.env.PATH ?? '', SOTTO_HOST: '127.0.0.1', SOTTO_PORT: '0', SOTTO_DATA_DIR: dataDir, SOTTO_EDITORS: keyList, SOTTO_POW_DIFFICULTY: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const found = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { child, url: found };
}

async function submit(submission: Submission): Promise<void> {
  expect(await submitTo(url, submission)).toBe(201);
}

async function receipt(submission: Pick<Submission, 'token'>, action: 'status' | 'withdraw'): Promise<string> {
  const response = await fetch(`${url}/api/v1/receipts/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: b64uEncode(submission.token), action }) });
  return ((await response.json()) as { status: string }).status;
}

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir();
  const launching = launchBrowser('chromium', 'ru-RU,ru');
  // Anna's key comes from the real keygen command; Boris's is a fast test key.
  const keyFile = path.join(temp.dir, 'anna.key');
  const keygen = await runCli(['keygen', '--out', keyFile, '--label', 'Anna'], { env: { SOTTO_PASSPHRASE: PASSPHRASE } });
  expect(keygen.code, keygen.stderr).toBe(0);
  boris = await makeEditor(temp.dir, 'boris');
  keyList = path.join(temp.dir, 'editors.pub');
  writeFileSync(keyList, `${readFileSync(`${keyFile}.pub`, 'utf8')}${boris.publicLine}\n`);
  ({ child: server, url } = await startServer(keyList, path.join(temp.dir, 'server-data')));
  const { decryptIdentity } = await import('../../crypto/key-file.ts');
  const { loadSodium } = await import('../../crypto/sodium.ts');
  const identity = decryptIdentity(await loadSodium(), readFileSync(keyFile, 'utf8'), PASSPHRASE);
  anna = { identity, keyFile, publicLine: '', env: { SOTTO_KEY: keyFile, SOTTO_VAULT: path.join(temp.dir, 'anna-vault'), SOTTO_PASSPHRASE: PASSPHRASE, SOTTO_SERVER: url } };
  boris.env.SOTTO_SERVER = url;
  const recipients = [anna.identity, boris.identity];
  sent.push(
    makeSubmission(recipients, { story: 'Я жила в Казани, на улице Баумана, и ходила в клуб «Бублик».', title: 'Год в Казани', region: 'volga' }),
    makeSubmission(recipients, { story: 'I grew up in Manchester and studied at the University of Leeds.', language: 'en' }),
    makeSubmission(recipients, { story: 'Please do not publish this after all.', language: 'en' }),
  );
  for (const s of sent) await submit(s);
  chromium = await launching;
  pageReceipt = await submitThroughPage();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  server?.kill('SIGTERM');
  temp?.cleanup();
});

interface Shown { id: string; story: string; title: string | null; language: string; consent: boolean; region: string | null; contact: string | null }

/** `export` (offline) into a fresh folder that must then hold exactly one story; returns it
 * split into parsed front matter and body. */
async function exportOne(folder: string, ...ids: string[]): Promise<{ text: string; frontMatter: Record<string, unknown>; body: string }> {
  const out = path.join(temp.dir, folder);
  const exported = await runCli(['export', '--out', out, ...ids], { env: anna.env, offline: true });
  expect(exported.code, exported.stderr).toBe(0);
  const md = readdirSync(out).filter((f) => f.endsWith('.md'));
  expect(md).toHaveLength(1);
  const text = readFileSync(path.join(out, md[0]!), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]+)$/.exec(text);
  expect(match).not.toBeNull();
  return { text, frontMatter: yaml.load(match![1]!) as Record<string, unknown>, body: match![2]! };
}

describe('the full path against the real server', () => {
  it('both editors can pull and read; envelopes are erased only once both acknowledged', async () => {
    const first = await runCli(['pull'], { env: anna.env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Pulled 4 new stories/);
    expect(first.stdout).not.toMatch(/erased/);
    const second = await runCli(['pull'], { env: boris.env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^Pulled 4 new stories[\s\S]*The server erased 4 envelopes/);
    for (const editor of [anna, boris]) {
      const list = JSON.parse((await runCli(['list', '--json'], { env: editor.env })).stdout) as { id: string }[];
      expect(list).toHaveLength(4);
      const shown = await Promise.all(list.map((e) => runCli(['show', e.id, '--json'], { env: editor.env }).then((r) => JSON.parse(r.stdout) as Shown)));
      expect(shown.map((s) => s.story).sort()).toEqual([...sent.map((s) => s.testimony.story), TYPED.story].sort());
      // the one sent through the page reads back exactly as typed
      const fromPage = shown.filter((s) => s.story === TYPED.story);
      expect(fromPage).toHaveLength(1);
      expect(fromPage[0]).toMatchObject({ story: TYPED.story, title: TYPED.title, language: TYPED.language, consent: true, region: null, contact: null });
    }
  });

  it('anonymise --auto, approve, export: Markdown with front matter and no replaced place', async () => {
    const list = JSON.parse((await runCli(['list', '--json'], { env: anna.env })).stdout) as { id: string; title: string }[];
    const kazan = list.find((e) => e.title === 'Год в Казани')!;
    expect((await runCli(['anonymise', kazan.id, '--auto'], { env: anna.env })).code).toBe(0);
    const approve = await runCli(['approve', kazan.id], { env: anna.env });
    expect(approve.code, approve.stderr).toBe(0);
    // approved is not yet on the site: the author's receipt must not say "published"
    const early = await runCli(['status', 'push'], { env: anna.env });
    expect(early.code, early.stderr).toBe(0);
    expect(early.stdout).toMatch(/^Sent 1 decision/);
    expect(await receipt(sent[0]!, 'status')).toBe('in_review');
    const { text, frontMatter } = await exportOne('site');
    expect(frontMatter).toMatchObject({ language: 'ru', region: 'volga', month: expect.stringMatching(/^\d{4}-\d{2}$/) });
    expect(text).not.toMatch(/Казан|Баумана|Бублик/);
    expect(text).not.toContain(kazan.id);

    const push = await runCli(['status', 'push'], { env: anna.env });
    expect(push.code, push.stderr).toBe(0);
    expect(push.stdout).toMatch(/^Sent 1 decision/);
    expect(await receipt(sent[0]!, 'status')).toBe('published');
  });

  it('the story typed into the page in Chromium: anonymise --auto, approve, export without its places', async () => {
    const list = JSON.parse((await runCli(['list', '--json'], { env: anna.env })).stdout) as { id: string; title: string; language: string }[];
    const entry = list.find((e) => e.title === TYPED.title)!;
    expect(entry).toMatchObject({ language: TYPED.language });
    const shown = JSON.parse((await runCli(['show', entry.id, '--json'], { env: anna.env })).stdout) as Shown;
    expect({ story: shown.story, title: shown.title, language: shown.language }).toEqual(TYPED);
    const anonymise = await runCli(['anonymise', entry.id, '--auto'], { env: anna.env });
    expect(anonymise.code, anonymise.stderr).toBe(0);
    const approve = await runCli(['approve', entry.id], { env: anna.env });
    expect(approve.code, approve.stderr).toBe(0);
    const { text, frontMatter, body } = await exportOne('site-page', entry.id);
    expect(frontMatter).toMatchObject({ title: TYPED.title, language: 'ru', month: expect.stringMatching(/^\d{4}-\d{2}$/) });
    expect(body).toContain('Мы познакомились');
    expect(text).not.toMatch(/Казан|Баумана/);
    expect(text).not.toContain(entry.id);

    // the receipt the page showed now reports the story as published
    const push = await runCli(['status', 'push'], { env: anna.env });
    expect(push.code, push.stderr).toBe(0);
    const parsed = parseReceiptCode(pageReceipt);
    if (!parsed.ok) throw new Error(`the page showed an unreadable receipt code: ${pageReceipt}`);
    expect(await receipt({ token: deriveReceipt(parsed.ikm).token }, 'status')).toBe('published');
  });

  it('a story withdrawn by its author is marked at the next pull and refused at export', async () => {
    expect(await receipt(sent[2]!, 'withdraw')).toBe('withdrawn');
    const pull = await runCli(['pull'], { env: boris.env });
    expect(pull.stdout).toMatch(/1 story in your vault was withdrawn/);
    const withdrawn = JSON.parse((await runCli(['list', '--json', '--status', 'withdrawn'], { env: boris.env })).stdout) as { id: string }[];
    expect(withdrawn).toHaveLength(1);
    const anonymise = await runCli(['anonymise', withdrawn[0]!.id, '--auto'], { env: boris.env });
    expect(anonymise.code).toBe(1);
    const exported = await runCli(['export', '--out', path.join(temp.dir, 'boris-site'), withdrawn[0]!.id], { env: boris.env });
    expect(exported.code).toBe(1);
    expect(exported.stderr).toMatch(/withdrawn by its author/);
  });
});

describe('the page and the CLI agree on the editor set', () => {
  it('the fingerprint the page computes from the keys its script encrypts to is the one `editors` shows', async () => {
    const accepted = await runCli(['editors', '--accept', keyList], { env: anna.env, offline: true });
    expect(accepted.code, accepted.stderr).toBe(0);
    const shown = /Key-set fingerprint \(what the submit page shows\): ([\d ]+)\n/.exec(accepted.stdout);
    expect(shown?.[1]).toBe(pageFingerprint);
    const list = await runCli(['list'], { env: anna.env, offline: true });
    expect(list.stderr).not.toMatch(/WARNING/);
  });
});
