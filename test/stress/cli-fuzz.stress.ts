// Issue 7 §2: hostile inputs to the reviewer CLI, run as a process with the network cut off
// (test/cli/helpers.ts). Corrupted and forged vault files, truncated, bit-flipped and forged
// `import` files, envelopes of valid structure with forged contents, and schema-valid testimonies
// built to attack the editor's terminal and the exported site. Every refusal is exit 1 with one
// line on stderr and no stack; nothing printed carries a raw escape or bidi control; an exported
// story parses (js-yaml, markdown-it) into exactly the front matter written and a body of
// paragraphs and line breaks only — no HTML, script, link or template tag.
import Database from 'better-sqlite3';
import yaml from 'js-yaml';
import MarkdownIt from 'markdown-it';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64uEncode, utf8Encode } from '../../crypto/bytes.ts';
import { sealEnvelope } from '../../crypto/envelope-noble.ts';
import { envelopeSizeFor } from '../../crypto/envelope-format.ts';
import { keyIdOf } from '../../crypto/key-id.ts';
import { signingKeyOf } from '../../crypto/key-file.ts';
import { transferWriter } from '../../reviewer-cli/transfer.ts';
import { ensureBuilt, fillVault, makeEditor, makeSubmission, randomId, runCli, tempDir, type CliResult, type TestEditor } from '../cli/helpers.ts';
import { seededRandom } from '../support/random.ts';
import { randomBytes } from './_server-fuzz.ts';
import { stressSeed } from './_support.ts';

const md = new MarkdownIt({ html: true, linkify: true });
let temp: ReturnType<typeof tempDir>;
let anna: TestEditor;
let stranger: TestEditor;
const r = seededRandom(stressSeed() ^ 0xc11);

const offline = (editor: TestEditor, args: string[], env: Record<string, string> = {}) => runCli(args, { env: { ...editor.env, ...env }, offline: true });

// eslint-disable-next-line no-control-regex
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** exit 0, or exit 1 with exactly one line "sotto-review: …" and no stack. Never a signal, a
 * crash code or a raw control character on either stream. */
function expectCleanOutcome(result: CliResult, what: string): void {
  expect([0, 1], `${what}: exit ${result.code}, stderr ${JSON.stringify(result.stderr.slice(0, 300))}`).toContain(result.code);
  // The editor-set warning (reviewer-cli/editor-set.ts) comes before the error line, on purpose.
  const errorLines = result.stderr.replace(/^WARNING: [\s\S]*?This warning is shown on every run until the set is accepted\.\n/, '');
  if (result.code === 1) expect(errorLines, what).toMatch(/^sotto-review: [^\n]+\n$/);
  expect(result.stderr, what).not.toMatch(/\n\s+at |Error:|node:internal/);
  expect(RAW_CONTROLS.test(result.stdout.replace(/\n/g, '').replace(/\t/g, '')), `${what}: raw control in stdout`).toBe(false);
  expect(RAW_CONTROLS.test(result.stderr.replace(/\n$/, '')), `${what}: raw control in stderr`).toBe(false);
}

function vaultCount(dir: string): number {
  const db = new Database(path.join(dir, 'vault.db'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM stories').pluck().get() as number;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir('sotto-stress-cli-');
  anna = await makeEditor(temp.dir, 'anna');
  stranger = await makeEditor(temp.dir, 'stranger');
});
afterAll(() => temp?.cleanup());

describe('corrupted and forged vault files', () => {
  it('refuses every corruption with one line, never a crash', async () => {
    const pristine = path.join(temp.dir, 'pristine-vault');
    const subs = Array.from({ length: 6 }, (_, i) => makeSubmission([anna.identity], { story: `История ${i} ${'ж'.repeat(2000 * i)}` }));
    await fillVault(anna, subs, pristine);
    // Bind it to Anna (and give one story a review state) the way the CLI does.
    expect((await offline({ ...anna, env: { ...anna.env, SOTTO_VAULT: pristine } }, ['list'])).code).toBe(0);
    const size = readFileSync(path.join(pristine, 'vault.db')).length;
    const variants: { name: string; damage: (file: string) => void }[] = [
      { name: 'empty file', damage: (f) => writeFileSync(f, '') },
      { name: 'not SQLite', damage: (f) => writeFileSync(f, 'hello, this is not a database\n'.repeat(100)) },
      { name: 'random bytes', damage: (f) => writeFileSync(f, randomBytes(r, size)) },
      { name: 'header smashed', damage: (f) => { const b = readFileSync(f); b.fill(0x41, 0, 100); writeFileSync(f, b); } },
      ...[0.1, 0.5, 0.95].map((at) => ({ name: `truncated at ${at}`, damage: (f: string) => truncateSync(f, Math.floor(size * at)) })),
      ...Array.from({ length: 6 }, (_, k) => ({
        name: `bytes flipped #${k}`,
        damage: (f: string) => {
          const b = readFileSync(f);
          for (let i = 0; i < 1 + k * 16; i++) {
            const at = 100 + Math.floor(r() * (b.length - 100));
            b[at] = b[at]! ^ (1 << Math.floor(r() * 8));
          }
          writeFileSync(f, b);
        },
      })),
      { name: 'another application', damage: (f) => { const db = new Database(f); db.pragma('application_id = 1234'); db.close(); } },
      { name: 'newer schema', damage: (f) => { const db = new Database(f); db.pragma('user_version = 99'); db.close(); } },
      { name: 'envelopes replaced with noise', damage: (f) => { const db = new Database(f); db.prepare('UPDATE stories SET envelope = randomblob(length(envelope))').run(); db.close(); } },
      { name: 'envelopes swapped for structurally valid forgeries', damage: (f) => {
        const db = new Database(f);
        const forged = forgedEnvelope([keyIdOf(anna.identity.x25519.publicKey)]);
        db.prepare('UPDATE stories SET envelope = ?').run(forged);
        db.close();
      } },
      { name: 'owner changed', damage: (f) => { const db = new Database(f); db.prepare("UPDATE meta SET value = '0000000000000000' WHERE key = 'owner'").run(); db.close(); } },
      { name: 'hostile ids and days', damage: (f) => { const db = new Database(f); db.prepare("UPDATE stories SET id = '\u001b[2J' || id, day = '\u001b]52;c;x\u0007'").run(); db.close(); } },
    ];
    let refused = 0;
    for (const variant of variants) {
      const dir = path.join(temp.dir, `vault-${variant.name.replace(/\W+/g, '-')}`);
      mkdirSync(dir, { recursive: true });
      copyFileSync(path.join(pristine, 'vault.db'), path.join(dir, 'vault.db'));
      variant.damage(path.join(dir, 'vault.db'));
      for (const args of [['list'], ['export-inbox', '--out', path.join(dir, 'out.jsonl')]]) {
        const result = await offline({ ...anna, env: { ...anna.env, SOTTO_VAULT: dir } }, args);
        expectCleanOutcome(result, `${variant.name}: ${args.join(' ')}`);
        if (result.code === 1) refused++;
      }
    }
    expect(refused).toBeGreaterThan(variants.length / 2);
  });
});

/** An envelope of valid structure (magic, recipients, a padded body size) whose wrapped keys
 * and ciphertext are random: only opening it can tell. */
function forgedEnvelope(keyIds: Uint8Array[]): Uint8Array {
  const size = envelopeSizeFor(100, keyIds.length);
  const bytes = randomBytes(r, size);
  bytes.set(utf8Encode('STO1'), 0);
  bytes[4] = keyIds.length;
  keyIds.forEach((id, i) => bytes.set(id, 5 + i * 88));
  return bytes;
}

describe('import files: truncated, flipped, forged', () => {
  it('imports a whole file or nothing, and refuses with one line', async () => {
    const subs = Array.from({ length: 5 }, (_, i) => makeSubmission([anna.identity], { story: `story ${i}` }));
    const line = (id: string, envelope: Uint8Array, day = '2026-11-20') => `${JSON.stringify({ id, day, envelope: b64uEncode(envelope) })}\n`;
    // A genuine signed transfer file (reviewer-cli/transfer.ts); every case below alters it.
    let good = '';
    transferWriter(signingKeyOf(anna.identity), subs.map((s) => ({ id: randomId(), day: '2026-11-20', envelope: s.envelope })), [randomId()])((chunk) => (good += chunk as string));
    const header = `${good.split('\n')[0]}\n`;
    const cases: { name: string; text: string | Uint8Array }[] = [
      { name: 'empty', text: '' },
      { name: 'binary', text: randomBytes(r, 5000) },
      { name: 'no header', text: good.split('\n').slice(1).join('\n') },
      { name: 'wrong version', text: good.replace('"version":2', '"version":3') },
      { name: 'header with extra key', text: good.replace('"version":2', '"version":2,"x":1') },
      ...[0.2, 0.5, 0.9, 0.99].map((at) => ({ name: `truncated at ${at}`, text: good.slice(0, Math.floor(good.length * at)) })),
      ...Array.from({ length: 8 }, (_, k) => {
        const b = Buffer.from(good);
        for (let i = 0; i < 1 + k; i++) {
          const at = 40 + Math.floor(r() * (b.length - 40));
          b[at] = b[at]! ^ (1 << Math.floor(r() * 7));
        }
        return { name: `flipped #${k}`, text: new Uint8Array(b) };
      }),
      { name: 'path traversal id', text: header + line('../../../../etc/passwdAA', subs[0]!.envelope) },
      { name: 'escape in id', text: header + `{"id":"\\u001b[2JAAAAAAAAAAAAAAAAAA","day":"2026-11-20","envelope":"${b64uEncode(subs[0]!.envelope)}"}\n` },
      { name: 'bad day', text: header + line(randomId(), subs[0]!.envelope, '2026-13-45T00:00') },
      { name: 'unknown key', text: header + `{"id":"${randomId()}","day":"2026-11-20","envelope":"${b64uEncode(subs[0]!.envelope)}","x":1}\n` },
      { name: 'duplicate keys', text: header + `{"id":"${randomId()}","day":"2026-11-20","envelope":"AAAA","envelope":"${b64uEncode(subs[0]!.envelope)}"}\n` },
      { name: 'envelope not base64', text: header + line(randomId(), subs[0]!.envelope).replace(/"envelope":"./, '"envelope":"*') },
      { name: 'structurally broken envelope', text: header + line(randomId(), subs[0]!.envelope.subarray(0, 500)) },
      { name: 'huge line', text: `${header}{"id":"${randomId()}","day":"2026-11-20","envelope":"${'A'.repeat(8_000_000)}"}\n` },
      { name: 'deep JSON', text: `${header}${'['.repeat(100_000)}${']'.repeat(100_000)}\n` },
      { name: 'CRLF', text: good.replace(/\n/g, '\r\n') },
      { name: 'same id, other bytes', text: good + line(JSON.parse(good.split('\n')[1]!).id, subs[1]!.envelope) },
    ];
    let refused = 0;
    for (const { name, text } of cases) {
      const vault = path.join(temp.dir, `import-${name.replace(/\W+/g, '-')}`);
      const file = path.join(temp.dir, `import-${name.replace(/\W+/g, '-')}.jsonl`);
      writeFileSync(file, text);
      const result = await offline({ ...anna, env: { ...anna.env, SOTTO_VAULT: vault } }, ['import', file]);
      expectCleanOutcome(result, `import ${name}`);
      if (result.code === 1) {
        refused++;
        expect(result.stderr, name).toMatch(/nothing was imported|nothing was used|cannot read|is empty/);
        // Nothing at all from a refused file.
        let count = 0;
        try {
          count = vaultCount(vault);
        } catch {
          count = 0;
        }
        expect(count, name).toBe(0);
      } else {
        // Whatever was accepted is readable, or listed as unreadable with one line.
        expectCleanOutcome(await offline({ ...anna, env: { ...anna.env, SOTTO_VAULT: vault } }, ['list']), `list after import ${name}`);
      }
    }
    expect(refused).toBeGreaterThanOrEqual(cases.length - 8);
  });
});

describe('envelopes of valid structure with forged contents', () => {
  it('lists them as unreadable and refuses to show them, with one line', async () => {
    const annaPk = anna.identity.x25519.publicKey;
    const payloads: { name: string; envelope: Uint8Array }[] = [
      { name: 'random body', envelope: forgedEnvelope([keyIdOf(annaPk)]) },
      { name: 'sealed to someone else', envelope: sealEnvelope(utf8Encode('{}'), [stranger.identity.x25519.publicKey]) },
      { name: 'not JSON', envelope: sealEnvelope(utf8Encode('not json at all \u001b[2J'), [annaPk]) },
      { name: 'invalid UTF-8', envelope: sealEnvelope(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), [annaPk]) },
      { name: 'wrong schema', envelope: sealEnvelope(utf8Encode(JSON.stringify({ v: 1, story: 'x', language: 'ru', consent: false, replyKey: 'a'.repeat(43) })), [annaPk]) },
      { name: 'extra key', envelope: sealEnvelope(utf8Encode(JSON.stringify({ v: 1, story: 'x', language: 'ru', consent: true, replyKey: 'a'.repeat(43), __proto__x: 1 })), [annaPk]) },
      { name: 'prototype key', envelope: sealEnvelope(utf8Encode('{"v":1,"story":"x","language":"ru","consent":true,"replyKey":"' + 'a'.repeat(43) + '","__proto__":{"admin":true}}'), [annaPk]) },
      { name: 'story too long', envelope: sealEnvelope(utf8Encode(JSON.stringify({ v: 1, story: 'x'.repeat(200_001), language: 'ru', consent: true, replyKey: 'a'.repeat(43) })), [annaPk]) },
      { name: 'deep JSON', envelope: sealEnvelope(utf8Encode(`${'['.repeat(50_000)}${']'.repeat(50_000)}`), [annaPk]) },
      { name: 'version 2', envelope: sealEnvelope(utf8Encode(JSON.stringify({ v: 2, story: 'x', language: 'ru', consent: true, replyKey: 'a'.repeat(43) })), [annaPk]) },
    ];
    const vault = path.join(temp.dir, 'forged-vault');
    const ids = await fillVault(anna, payloads, vault);
    const env = { ...anna, env: { ...anna.env, SOTTO_VAULT: vault } };
    const list = await offline(env, ['list']);
    expectCleanOutcome(list, 'list of forgeries');
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/key id [0-9a-f]{16}: 1 story\n[\s\S]*\nsotto-review: 10 stories could not be opened/);
    for (const [i, id] of ids.entries()) {
      for (const args of [['show', id, '--json'], ['anonymise', id, '--auto'], ['export', '--out', path.join(temp.dir, 'forged-out'), id]]) {
        const result = await offline(env, args);
        expectCleanOutcome(result, `${payloads[i]!.name}: ${args[0]}`);
        expect(result.code, `${payloads[i]!.name}: ${args[0]}`).toBe(1);
        expect(result.stderr).toMatch(/could not open envelope/);
      }
    }
  });
});

/** Strings built to break a terminal, YAML front matter, Markdown, HTML and template engines. */
const HOSTILE = [
  '---\ntitle: pwned\nlayout: evil\n---\n<script>alert(1)</script>',
  '...\n---\n"\n: x\n- y\n? z\n',
  '"; alert(1); "\' onmouseover="alert(1)',
  '<script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)><iframe src="javascript:alert(1)">',
  '<!-- x --><![CDATA[x]]><?php echo 1 ?><a href="javascript:alert(1)">x</a><style>*{}</style>',
  '!!js/function "function(){return 1}" !!python/object:os.system &a [*a, *a] %YAML 1.1 %TAG ! tag:x',
  '{{ site.secret }} {% include /etc/passwd %} {{< shortcode >}} ${process.env} <%= 1 %> #{1}',
  '[click](javascript:alert(1)) ![img](http://tracker.example/p.gif) <http://evil.example> https://evil.example www.evil.example [a]: http://x',
  '# heading\n- item\n+ item\n1. one\n2) two\n> quote\n    code\n```\nfence\n```\n| a | b |\n|---|---|\n===\n***\n: def\n\\\n<div>',
  '\u001b[2J\u001b[H\u001b]52;c;cHduZWQ=\u0007\u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007 \u009b31m C1 \u0007 bell \u0000 nul \b\b\b back',
  'bidi \u202eevil\u202c \u2066iso\u2069 LS\u2028PS\u2029 NEL\u0085 BOM\ufeff ZW\u200b lone \ud800 surrogate \udfff',
  '&lt;script&gt; &#60;script&#62; &amp; &#x3C; %3Cscript%3E \\u003cscript\\u003e',
  `${'A'.repeat(150_000)} tail`,
  '\r\n\r\n---\r\ntitle: crlf\r\n---\r\n\t\ttabbed\v\f',
];

function splitFrontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error('no front matter');
  return { data: yaml.load(match[1]!) as Record<string, unknown>, body: match[2]! };
}

describe('malicious testimonies inside valid envelopes', () => {
  it('never reach the terminal raw, and export as inert text with intact front matter', async () => {
    const vault = path.join(temp.dir, 'hostile-vault');
    const subs = HOSTILE.map((text, i) => makeSubmission([anna.identity], {
      story: text,
      title: text.slice(0, 200),
      language: (['en', 'ru', 'fr', 'uk', 'other'] as const)[i % 5],
      contact: `\u001b[31m${text.slice(0, 100)}`,
    }));
    const ids = await fillVault(anna, subs, vault);
    const env = { ...anna, env: { ...anna.env, SOTTO_VAULT: vault } };

    const list = await offline(env, ['list']);
    expectCleanOutcome(list, 'list');
    expect(list.code).toBe(0);
    const listed = JSON.parse((await offline(env, ['list', '--json'])).stdout) as { id: string; title: string }[];
    expect(listed.map((e) => e.id)).toEqual(ids);

    for (const [i, id] of ids.entries()) {
      const show = await offline(env, ['show', id]);
      expectCleanOutcome(show, `show ${i}`);
      expect(show.code).toBe(0);
      const json = await offline(env, ['show', id, '--json']);
      expectCleanOutcome(json, `show --json ${i}`);
      expect((JSON.parse(json.stdout) as { story: string }).story, `story ${i} round-trips`).toBe(subs[i]!.testimony.story);
      const anonymise = await offline(env, ['anonymise', id, '--auto']);
      expectCleanOutcome(anonymise, `anonymise ${i}`);
      expect(anonymise.code, anonymise.stderr).toBe(0);
      const approve = await offline(env, ['approve', id, '--tag', 'family']);
      expectCleanOutcome(approve, `approve ${i}`);
      expect(approve.code, approve.stderr).toBe(0);
    }

    const out = path.join(temp.dir, 'hostile-site');
    const exported = await offline(env, ['export', '--out', out]);
    expectCleanOutcome(exported, 'export');
    expect(exported.code, exported.stderr).toBe(0);
    const files = readdirSync(out).filter((f) => f.endsWith('.md'));
    expect(files).toHaveLength(HOSTILE.length);
    for (const file of files) {
      const text = readFileSync(path.join(out, file), 'utf8');
      const { data, body } = splitFrontMatter(text);
      // Exactly the keys written; every value a plain string or list of strings.
      expect(Object.keys(data).sort(), file).toEqual(['date', 'excerpt', 'language', 'month', 'slug', 'tags', 'title']);
      // `date` is a plain YAML date (the month's first day, for site generators); the rest text.
      const { date, ...texts } = data;
      expect(date, file).toBeInstanceOf(Date);
      expect((date as Date).toISOString().slice(0, 10), file).toBe(`${data.month}-01`);
      for (const value of Object.values(texts)) {
        const values = Array.isArray(value) ? value : [value];
        for (const v of values) expect(typeof v, file).toBe('string');
      }
      expect(`${data.title}${data.excerpt}${(data.tags as string[]).join('')}`, file).not.toMatch(/[<>"`]/);
      // The body: no template tags for Liquid/Nunjucks, and once rendered, only <p> and <br>.
      expect(body, file).not.toMatch(/\{\{|\{%|<|>/);
      const html = md.render(body);
      const tags = html.match(/<\/?[a-zA-Z][^>]*>/g) ?? [];
      expect(tags.filter((tag) => !/^<\/?(p|br)>$/.test(tag)), file).toEqual([]);
      // (the words stay as inert text: "&lt;a href=&quot;javascript:…" is what a reader sees)
      expect(html, file).not.toMatch(/<(a|img|script|iframe|svg|style|div)\b/i);
      // No contact detail, no raw control character in the published file.
      expect(text).not.toMatch(/\u001b/);
    }
    const stories = readFileSync(path.join(out, 'stories.json'), 'utf8');
    expect(stories).not.toMatch(/<\/script|<!--|\u2028|\u2029/i);
    const parsed = JSON.parse(stories) as { body: string }[];
    expect(parsed).toHaveLength(HOSTILE.length);
    expect(parsed.every((story) => typeof story.body === 'string')).toBe(true);
  });
});
