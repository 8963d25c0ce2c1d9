// Exported files must be read by real site generators exactly as intended: js-yaml is the YAML
// parser of Eleventy (gray-matter) and Astro, markdown-it is Eleventy's Markdown renderer.
import fc from 'fast-check';
import yaml from 'js-yaml';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { markdownBody } from './markdown.ts';
import { yamlString } from './front-matter.ts';
import { markdownFile, storiesJson, toPublishedStory } from './published-story.ts';
import type { ReviewState } from '../review-state.ts';

const md = new MarkdownIt({ html: true, linkify: false });
// Eleventy users often turn linkify on; Hugo's Goldmark has it on by default.
const mdLinkify = new MarkdownIt({ html: true, linkify: true });
const RENDERERS = [['markdown-it', md], ['markdown-it with linkify', mdLinkify]] as const;

/** Splits a file as Jekyll/Hugo/gray-matter do: front matter between the first two --- lines. */
function splitFile(text: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error('no front matter');
  return { data: yaml.load(match[1]!, { schema: yaml.FAILSAFE_SCHEMA }) as Record<string, unknown>, body: match[2]! };
}

/** The text a reader sees once the Markdown is rendered to HTML. */
function renderedText(markdown: string, renderer: MarkdownIt = md): string {
  const html = renderer.render(markdown);
  return html
    .replace(/<br>\n?/g, '\n')
    .replace(/<\/p>\n?<p>/g, '\n\n')
    .replace(/<\/?p>\n?/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trimEnd();
}

function state(story: string, title?: string, tags: string[] = []): ReviewState {
  return { v: 1, id: 'x', status: 'approved', anonymised: { story, title, decisions: [] }, tags, notes: [] };
}

const HOSTILE = [
  '---\ntitle: pwned\n---',
  '"; alert(1); "',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  "title: 'x'\nevil: true",
  '\\" \\n \\u0000 \\',
  '{{ site.secret }} {% include x %} {{< shortcode >}}',
  '[click](javascript:alert(1)) ![img](http://tracker.example/p.gif) <http://x>',
  '# heading\n- item\n+ item\n1. one\n2) two\n> quote\n    code\n```\nfence\n```\n| a | b |\n===\n***\n: def',
  'emoji 🏳️‍🌈 and lone \ud800 surrogate, NEL\u0085 LS\u2028 BOM\ufeff bidi\u202e',
  '!important &amp; &lt;b&gt; *bold* _it_ ~~strike~~ $x$ ^sup^ ==mark==',
  "it's 'quoted' x' onmouseover='alert(1)",
];

/** Bare addresses that autolinking renderers (linkify, GFM, Goldmark) turn into links. */
const LINKABLE = [
  'see https://example.org/path?a=1&b=2#top and http://x.y/?a=1',
  'www.example.com, WWW.EXAMPLE.COM/page and example.org.',
  'write to me@example.org or mailto:me@example.org',
  'пример.рф, xn--e1afmkfd.xn--p1ai, //localhost/x, ftp://files.example.net, 10.0.0.1:8080',
  'javascript:alert(1) data:text/html,<b>x</b> vbscript:x',
];

describe('front matter', () => {
  it.each(HOSTILE)('a hostile title or excerpt stays one string value: %j', (text) => {
    const published = toPublishedStory('2026-11-20', { v: 1, story: text, language: 'en', consent: true, replyKey: 'a'.repeat(43) }, new Uint8Array(16), state(text, text));
    const { data } = splitFile(markdownFile(published));
    expect(Object.keys(data).sort()).toEqual(['date', 'excerpt', 'language', 'month', 'slug', 'tags', 'title']);
    expect(data.title).toBe(published.title);
    expect(data.excerpt).toBe(published.excerpt);
    // no value can open a tag or end an attribute in a careless layout, quoted either way
    for (const value of [data.title, data.excerpt, ...(data.tags as string[])]) expect(String(value)).not.toMatch(/[<>"'`]/);
  });

  it("a title stays inside a single-quoted attribute of a careless layout (content='{{ page.title }}')", () => {
    const title = "x' onmouseover='alert(1)' data-x='";
    const published = toPublishedStory('2026-11-20', { v: 1, story: 'x', language: 'en', consent: true, replyKey: 'a'.repeat(43) }, new Uint8Array(16), state('x', title, [title]));
    const { data } = splitFile(markdownFile(published));
    const html = `<meta content='${String(data.title)}'><a title='${(data.tags as string[])[0]}'>`;
    // each element keeps exactly the one attribute the layout wrote: no onmouseover= of its own
    expect(html).toMatch(/^<meta content='[^'<>]*'><a title='[^'<>]*'>$/);
    expect(data.title).toBe('x’ onmouseover=’alert(1)’ data-x=’');
  });

  it.each([...HOSTILE, ...LINKABLE])('a title or excerpt passed through Markdown by a layout (markdownify) makes no link, image or tag: %j', (text) => {
    const published = toPublishedStory('2026-11-20', { v: 1, story: text, language: 'en', consent: true, replyKey: 'a'.repeat(43) }, new Uint8Array(16), state(text, text));
    for (const value of [published.title, published.excerpt]) {
      for (const [name, renderer] of RENDERERS) {
        const html = renderer.renderInline(value);
        expect(html, name).not.toMatch(/<(a|img|script)\b/);
      }
    }
  });

  it('the date is the first day of the month, a bare YAML date every generator reads as one', () => {
    const published = toPublishedStory('2026-11-20', { v: 1, story: 'x', language: 'en', consent: true, replyKey: 'a'.repeat(43) }, new Uint8Array(16), state('x'));
    const file = markdownFile(published);
    expect(file).toContain('\ndate: 2026-11-01\n');
    const { data } = splitFile(file);
    expect(data.date).toBe('2026-11-01');
    expect((yaml.load(file.split('---\n')[1]!) as { date: Date }).date).toEqual(new Date('2026-11-01T00:00:00Z'));
  });

  it('yamlString round-trips any string through a YAML parser', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (value) => {
        const wellFormed = value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
        expect(yaml.load(`v: ${yamlString(value)}`, { schema: yaml.FAILSAFE_SCHEMA })).toEqual({ v: wellFormed });
      }),
      { numRuns: 200 },
    );
  });
});

describe('markdown body', () => {
  it.each([...HOSTILE, ...LINKABLE])('renders as the plain text the author wrote, with no HTML: %j', (text) => {
    const source = markdownBody(text);
    // Liquid and Nunjucks read the source before Markdown does: no template tag may survive there
    expect(source).not.toMatch(/\{\{|\{%|[<>]/);
    for (const [, renderer] of RENDERERS) {
      const html = renderer.render(source);
      // the only elements are paragraphs and line breaks
      expect(html.match(/<\/?[a-z][^>]*>/g)?.every((tag) => /^<\/?(p|br)>$/.test(tag)) ?? true).toBe(true);
    }
  });

  it.each(LINKABLE)('a bare address reads exactly as written and never becomes a link: %j', (text) => {
    const source = markdownBody(text);
    // Goldmark (Hugo) and GFM autolink on the source: none of what they look for is left in it
    expect(source).not.toMatch(/:\/\/|www\.|@|\.\S|:/i);
    for (const [name, renderer] of RENDERERS) {
      expect(renderer.render(source), name).not.toContain('<a');
      expect(renderedText(source, renderer), name).toBe(text);
    }
  });

  it('keeps paragraphs and line breaks, and the words unchanged', () => {
    const text = 'First line\nsecond line\n\n\nNew paragraph with 5 * 3 = 15 and a_b_c.';
    expect(renderedText(markdownBody(text))).toBe(text.replace(/\n\n\n/, '\n\n'));
  });

  it.each(RENDERERS)('any text renders back to itself with %s, without a link (up to whitespace at line edges)', (_name, renderer) => {
    const piece = fc.constantFrom('http://', 'https://x.org/?a=1&b=2', 'www.', '.com', 'me@example.org', '//', ':', '@', '.', 'пример.рф', ' ', '\n');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 20 }), piece), { maxLength: 12 }).map((parts) => parts.join('')), (raw) => {
        const text = raw.replace(/\r/g, '');
        const expected = text
          .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, ' ')
          .split(/\n[ \t]*\n/)
          .map((p) => p.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n'))
          .filter((p) => p !== '')
          .join('\n\n');
        expect(renderedText(markdownBody(text), renderer).replace(/ +\n/g, '\n').replace(/\u00a0/g, ' ')).toBe(expected);
        expect(renderer.render(markdownBody(text))).not.toContain('<a');
      }),
      { numRuns: 300 },
    );
  });
});

describe('published story', () => {
  const testimony = { v: 1 as const, story: 'x', language: 'ru' as const, region: 'volga' as const, consent: true as const, replyKey: 'a'.repeat(43), contact: 'me@example.org' };
  const digest = Uint8Array.from({ length: 16 }, (_, i) => i);

  it('holds no id, day, contact or receipt data, and the slug comes from the digest', () => {
    const story = toPublishedStory('2026-11-20', testimony, digest, state('Body text.', 'A title', ['family']));
    expect(story).toEqual({ slug: 'story-0001020304050607', title: 'A title', language: 'ru', month: '2026-11', date: '2026-11-01', region: 'volga', tags: ['family'], excerpt: 'Body text.', body: 'Body text.' });
    const file = markdownFile(story) + storiesJson([story]);
    for (const secret of ['me@example.org', 'a'.repeat(43), '2026-11-20']) expect(file).not.toContain(secret);
  });

  it('a story without a title is titled by its first words; long excerpts end at a word', () => {
    const body = 'word '.repeat(100).trim();
    const story = toPublishedStory('2026-11-20', testimony, digest, state(body));
    expect(story.title).toMatch(/^word( word)*…$/);
    expect(story.excerpt.length).toBeLessThanOrEqual(201);
    expect(story.excerpt.endsWith('word…')).toBe(true);
  });

  it('stories.json parses back and cannot close a <script> element', () => {
    const story = toPublishedStory('2026-11-20', testimony, digest, state('</script><script>alert(1)</script>'));
    const json = storiesJson([story]);
    expect(json).not.toMatch(/<\/script/i);
    expect(JSON.parse(json)[0].body).toBe('</script><script>alert(1)</script>');
  });
});
