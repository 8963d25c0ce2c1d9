// The starter sites in examples/ built by the real generators — Hugo and Jekyll (Debian
// packages), Eleventy and Astro (npm) — from a fresh `sotto-review export`: the story, its title
// and its month appear, and a hostile story (HTML, Markdown links and images, template tags,
// bare addresses, in its title and its text) shows as the text it is, never as markup.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fillVault, makeEditor, makeSubmission, ROOT, runCli, tempDir, type TestEditor } from '../cli/helpers.ts';

const FRIENDLY = { title: 'Мой год в большом городе', story: 'Я прожила там три года.\n\nПотом — другая жизнь: новая работа, новые друзья!' };
const HOSTILE_STORY = [
  '<script>alert(1)</script> <img src=x onerror=alert(2)>',
  '{{ site.title }} {% raw %} {{< param title >}} {{% param title %}} {# c #}',
  '[click me](javascript:alert(3)) ![tracker](http://tracker.example/p.gif)',
  // addresses the anonymiser removes (as contacts) and ones it leaves, which autolinkers would take
  'See https://evil.example/x, www.evil.example and me@evil.example',
  'or //localhost/x and xn--e1afmkfd.xn--p1ai, javascript:alert(5)',
  '# not a heading',
].join('\n');
const HOSTILE_TITLE = '[click](javascript:alert(4)) <b>bold</b> https://evil.example';

interface Site {
  name: string;
  /** Where the export goes, inside the site. */
  stories: string;
  build: (dir: string) => { command: string; args: string[]; out: string };
}

const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name);
const SITES: Site[] = [
  { name: 'hugo', stories: 'content/stories', build: (dir) => ({ command: 'hugo', args: ['--quiet', '-s', dir, '-d', path.join(dir, 'public')], out: 'public' }) },
  { name: 'jekyll', stories: '_stories', build: (dir) => ({ command: 'jekyll', args: ['build', '--quiet', '-s', dir, '-d', path.join(dir, '_site')], out: '_site' }) },
  { name: 'eleventy', stories: 'stories', build: () => ({ command: bin('eleventy'), args: ['--quiet'], out: '_site' }) },
  { name: 'astro', stories: 'stories', build: () => ({ command: bin('astro'), args: ['build', '--silent'], out: 'dist' }) },
];

let temp: ReturnType<typeof tempDir>;
let editor: TestEditor;

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir('sotto-sites-');
  editor = await makeEditor(temp.dir, 'site-editor');
  const ids = await fillVault(editor, [
    makeSubmission([editor.identity], { ...FRIENDLY, language: 'ru' }),
    makeSubmission([editor.identity], { story: HOSTILE_STORY, title: HOSTILE_TITLE, language: 'en' }),
  ]);
  for (const id of ids) {
    for (const args of [['anonymise', id, '--auto'], ['approve', id]]) {
      const result = await runCli(args, { env: editor.env, offline: true });
      expect(result.code, result.stderr).toBe(0);
    }
  }
});
afterAll(() => temp?.cleanup());

/** The text a reader sees: tags dropped, character references decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

function article(html: string): string {
  const match = /<article[\s\S]*<\/article>/.exec(html);
  if (!match) throw new Error('no <article> in the page');
  return match[0];
}

describe.each(SITES)('the $name starter site', (site) => {
  it('builds from a fresh export: story, title and month shown; the hostile story only as text', async () => {
    const dir = path.join(temp.dir, site.name);
    cpSync(path.join(ROOT, 'examples', site.name), dir, { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules')); // Astro resolves its imports from the site
    mkdirSync(path.dirname(path.join(dir, site.stories)), { recursive: true });
    const exported = await runCli(['export', '--out', path.join(dir, site.stories)], { env: editor.env, offline: true });
    expect(exported.code, exported.stderr).toBe(0);
    const published = JSON.parse(readFileSync(path.join(dir, site.stories, 'stories.json'), 'utf8')) as { slug: string; title: string; language: string; body: string }[];
    const friendly = published.find((s) => s.language === 'ru')!;
    const hostile = published.find((s) => s.language === 'en')!;

    const { command, args, out } = site.build(dir);
    const built = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', JEKYLL_ENV: 'production' } });
    if (built.error) throw new Error(`${command} is not installed (.ci/run installs it): ${built.error.message}`);
    expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0);
    const page = (slug: string) => readFileSync(path.join(dir, out, 'stories', slug, 'index.html'), 'utf8');

    const good = article(page(friendly.slug));
    expect(visibleText(good)).toContain(FRIENDLY.title);
    expect(visibleText(good)).toContain('Я прожила там три года.');
    expect(visibleText(good)).toContain('новая работа, новые друзья!');
    expect(good).toContain('datetime="2026-11"');
    expect(visibleText(good)).toContain('November 2026');
    expect(visibleText(readFileSync(path.join(dir, out, 'index.html'), 'utf8'))).toContain(FRIENDLY.title);

    const bad = article(page(hostile.slug));
    // the only elements are the layout's and the paragraphs' and line breaks of the text
    const tags = [...bad.matchAll(/<[a-z][^>]*>/g)].map((m) => m[0]);
    for (const tag of tags) expect(tag).toMatch(/^<(article lang="en"|h1|p|br ?\/?|time datetime="2026-11")>$/);
    expect(new Set(tags.map((tag) => /^<([a-z0-9]+)/.exec(tag)![1]))).toEqual(new Set(['article', 'h1', 'p', 'time', 'br']));
    const text = visibleText(bad);
    // the text as approved (contacts removed by the anonymiser), every line of it, as written
    expect(hostile.body).toContain('<script>alert(1)</script>');
    expect(hostile.body).toContain('//localhost/x and xn--e1afmkfd.xn--p1ai');
    for (const line of hostile.body.split('\n')) expect(text).toContain(line);
    expect(text).toContain(hostile.title);
    expect(hostile.title).toContain('［click］');
  }, 240_000);
});
