// Replies and answers end to end (issue 15), in Chromium and in Firefox ESR with Safer prefs,
// against the real server: a story sent from the page, an editor pulling and replying with the
// real CLI, the author reading the reply with their code and answering from the status view, the
// editor seeing the answer in `show`; a wrong code sees nothing; leaving the view clears it; after
// withdrawal no slice of any message is left in the database, its WAL or any other file.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64uDecode } from '../../crypto/bytes.ts';
import { keyIdHex } from '../../crypto/key-id.ts';
import { newReceiptCode } from '../../crypto/receipt.ts';
import { signed } from '../support/server.ts';
import { ensureBuilt, makeEditor, runCli, tempDir, type TestEditor } from '../cli/helpers.ts';
import { startServer, type ServerProcess } from '../server/server-process.ts';
import { chooseLanguage, fill, launchBrowser, openPage, sendStory, textOf, TEST_DIFFICULTY, type BrowserKind, type Launched } from './_harness.ts';

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

describe.each(['chromium', 'firefox'] as BrowserKind[])('replies in %s', (kind) => {
  let temp: ReturnType<typeof tempDir>;
  let server: ServerProcess;
  let launched: Launched;
  let anna: TestEditor;
  let boris: TestEditor;
  const dataDir = () => path.join(temp.dir, 'data');
  const cli = (editor: TestEditor, args: string[], input?: string) => runCli(args, { env: { ...editor.env, SOTTO_SERVER: server.url }, input });

  beforeAll(async () => {
    ensureBuilt();
    temp = tempDir(`sotto-replies-${kind}-`);
    [anna, boris] = await Promise.all([makeEditor(temp.dir, 'anna'), makeEditor(temp.dir, 'boris')]);
    const keyList = path.join(temp.dir, 'editors.pub');
    writeFileSync(keyList, `${anna.publicLine}\n${boris.publicLine}\n`);
    [server, launched] = await Promise.all([
      startServer({ SOTTO_DATA_DIR: dataDir(), SOTTO_EDITORS: keyList, SOTTO_POW_DIFFICULTY: String(TEST_DIFFICULTY) }, { entry: 'dist' }),
      launchBrowser(kind, 'ru-RU,ru'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await launched?.close();
    if (server?.child.exitCode === null) await server.stop();
    temp?.cleanup();
  });

  it('the author reads the reply with their code and answers; the editor sees it; withdrawal leaves nothing', { timeout: 240_000 }, async () => {
    const { page } = await openPage(launched.browser, `${server.url}/`);
    const code = await sendStory(page, { story: 'Мы встретились на остановке у парка.' });
    await page.close();

    // The editor pulls and replies with the real CLI.
    expect((await cli(anna, ['pull'])).code).toBe(0);
    expect((await cli(boris, ['pull'])).code).toBe(0);
    const story = (JSON.parse((await cli(anna, ['list', '--json'])).stdout) as { shortId: string; id: string }[])[0]!;
    const replyText = 'Можно написать «остановка», без названия?\nСпасибо!';
    const replied = await cli(anna, ['reply', story.shortId, '--yes'], replyText);
    expect(replied.code, replied.stderr).toBe(0);

    // A wrong code sees the "unknown" status and no conversation.
    const stranger = await openPage(launched.browser, `${server.url}/#status`);
    await stranger.page.waitForSelector('#status-fields:not([disabled])');
    await stranger.page.type('#receipt', newReceiptCode());
    await stranger.page.click('#status-form button[type=submit]');
    await stranger.page.waitForSelector('#status-result[data-status=unknown]');
    expect(await stranger.page.$('#replies')).toBeNull();
    expect(stranger.requests.some((r) => r.endsWith('/api/v1/receipts/messages'))).toBe(false);
    await stranger.page.close();

    // The author comes back, types the code: the reply, with its day, in Russian.
    const { page: author, requests } = await openPage(launched.browser, `${server.url}/#status`);
    expect(await author.$('#replies')).toBeNull();
    await author.waitForSelector('#status-fields:not([disabled])');
    await author.type('#receipt', code);
    await author.click('#status-form button[type=submit]');
    await author.waitForSelector('#replies .replies-list li.from-editors', { timeout: 60_000 });
    expect(await textOf(author, '#replies .from-editors .replies-text')).toBe(replyText);
    expect(await textOf(author, '#replies .from-editors p:first-child')).toMatch(/^Редакция написала \d{4}-\d{2}-\d{2}:$/);
    expect(requests).toContain(`GET ${server.url}/status.js`);
    // The conversation follows the page's language.
    await chooseLanguage(author, 'fr');
    await author.waitForFunction(() => /^La rédaction a écrit le \d{4}-\d{2}-\d{2} :$/.test(document.querySelector('#replies .from-editors p')?.textContent ?? ''));
    expect(await textOf(author, '#replies h2')).toBe('Messages de la rédaction');

    // The author answers.
    await author.type('#answer', 'Да, так можно. Спасибо вам!');
    await author.click('#answer-form button[type=submit]');
    await author.waitForSelector('#answer-outcome[data-replies-key=sent]', { timeout: 120_000 });
    await author.waitForSelector('#replies .replies-list li.from-you');
    expect(await textOf(author, '#replies .from-you .replies-text')).toBe('Да, так можно. Спасибо вам!');

    // Leaving the status view takes the conversation off the page.
    await author.evaluate(() => (location.hash = '#'));
    await author.waitForFunction(() => !document.getElementById('replies'));

    // The other editor sees the conversation, with who wrote the reply.
    const shown = await cli(boris, ['show', story.shortId]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/reply by editor anna \(/);
    expect(shown.stdout).toMatch(/the author answered:\n {2}Да, так можно\. Спасибо вам!/);

    // What the server holds of the conversation, then withdrawal from the page.
    const editor = { identity: anna.identity, keyIdHex: keyIdHex(anna.identity.x25519.publicKey), line: anna.publicLine };
    const listed = (await (await fetch(`${server.url}/api/v1/inbox/messages`, signed(editor, 'GET', '/api/v1/inbox/messages'))).json()) as { items: { envelope: string }[] };
    const envelopes = listed.items.map((m) => b64uDecode(m.envelope));
    expect(envelopes).toHaveLength(2);
    await author.evaluate(() => (location.hash = '#status'));
    await fill(author, '#receipt', code);
    await author.click('#status-form button[type=submit]');
    await author.waitForSelector('#withdraw', { visible: true });
    await author.click('#withdraw');
    await author.click('#withdraw-yes');
    await author.waitForSelector('#status-result[data-status=withdrawn]');
    expect(await author.$('#replies')).toBeNull();
    await author.close();

    expect(await server.stop()).toBe(0);
    const written = allFiles(dataDir()).map((file) => readFileSync(file));
    const slices = (bytes: Uint8Array) => Array.from({ length: Math.floor(bytes.length / 512) }, (_, i) => Buffer.from(bytes.subarray(i * 512, i * 512 + 32)));
    for (const envelope of envelopes) {
      for (const slice of slices(envelope)) expect(written.some((file) => file.includes(slice)), 'a slice of a message after withdrawal').toBe(false);
    }
  });
});
