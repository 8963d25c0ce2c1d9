// A story as a Markdown body that renders as exactly the text the author wrote, in CommonMark,
// GitHub Markdown, kramdown (Jekyll), Goldmark (Hugo) and markdown-it (Eleventy): no HTML, no
// links or images the author wrote as Markdown, no template tags (Liquid and Nunjucks read {{ }}
// and {% %} in .md files before Markdown does), and no bare URL, domain or e-mail address that a
// renderer with autolinking (Goldmark's and markdown-it's linkify, GitHub) would turn into a link.
// Characters that could start any of these are written as numeric character references, which
// every one of those renderers decodes as text: autolinkers look for "://", "www.", "@" and
// "name.tld" in the source or in one text run, and an entity splits or hides each of them.

const entity = (ch: string): string => `&#${ch.codePointAt(0)};`;

// Characters with a meaning anywhere in a line; ":" and "@" (schemes, e-mail addresses), a "."
// inside a word (domains: "example.org", "www.") and "//" (protocol-relative links) for autolinks.
const INLINE = /[\\`*_[\]<>&#!|~{}$^=:@]|\.(?=\S)|\/(?=\/)/g;
// Characters with a meaning at the start of a line: list markers, headings.
const LINE_START = /^([-+])/;
const ORDERED = /^(\d{1,9})([.)])/;

function escapeLine(line: string): string {
  const trimmed = line.replace(/^[ \t]+/, '').replace(/[ \t]+$/, ''); // indentation would make a code block
  return trimmed
    .replace(INLINE, entity)
    .replace(LINE_START, (m) => entity(m))
    .replace(ORDERED, (_m, digits: string, mark: string) => `${digits}${entity(mark)}`);
}

/** Paragraphs stay paragraphs; single line breaks become hard breaks (two trailing spaces). */
export function markdownBody(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .split(/\n[ \t]*\n/)
    .map((p) => p.split('\n').map(escapeLine).filter((l) => l !== '').join('  \n'))
    .filter((p) => p !== '');
  return `${paragraphs.join('\n\n')}\n`;
}
