// A story as a Markdown body that renders as exactly the text the author wrote, in CommonMark,
// GitHub Markdown, kramdown (Jekyll), Goldmark (Hugo) and markdown-it (Eleventy): no HTML, no
// links or images the author wrote as Markdown, no template tags (Liquid and Nunjucks read {{ }}
// and {% %} in .md files before Markdown does), and no bare URL, domain or e-mail address that a
// renderer with autolinking (Goldmark's and markdown-it's linkify, GitHub) would turn into a link.
//
// Only what has a meaning is escaped, so the file stays readable and editable by hand: ordinary
// prose (letters, «», —, a period or colon before a space, ?, !, parentheses) is left as it is.
// Two kinds of escape: a backslash, for the punctuation that every one of those renderers
// un-escapes (kramdown's list is the shortest: \ . * _ + - = ( ) [ ] { } # ! : | " ' $ < > `), and
// a character reference for the rest, which every renderer decodes as text — and which, unlike a
// backslash, also hides "{%" from Liquid and "://", "www.", "@", "name.tld" from autolinkers
// (they look at the source, or at one run of text, and a reference splits both).
const entity = (ch: string): string => `&#${ch.codePointAt(0)};`;
const backslash = (ch: string): string => `\\${ch}`;

// Anywhere in a line. Backslash: emphasis, code, links and images ([ with or without !), table
// cells, kramdown math ($$). References: tags (< >), template tags ({ }), strikethrough and
// fences (~), autolinks (a colon before a non-space, a dot inside a word, //, @), and an & that
// would start a reference itself.
const INLINE_BACKSLASH = /[\\`*_[\]|$]/g;
const INLINE_ENTITY = /[<>{}~@]|:(?=\S)|\.(?=[\p{L}\p{N}])|\/(?=\/)|&(?=#?[\p{L}\p{N}]+;)/gu;
const NAMED: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

// At the start of a line only: headings, lists, setext underlines; kramdown definitions (:) and
// end-of-block markers (^), which kramdown cannot backslash-escape; ordered list markers.
const LINE_START = /^[#+\-=]/;
const LINE_START_ENTITY = /^[:^]/;
const ORDERED = /^(\d{1,9})([.)])/;

function escapeLine(line: string): string {
  const trimmed = line.replace(/^[ \t]+/, '').replace(/[ \t]+$/, ''); // indentation would make a code block
  return trimmed
    .replace(INLINE_BACKSLASH, backslash)
    .replace(INLINE_ENTITY, (ch) => NAMED[ch] ?? entity(ch))
    .replace(LINE_START, backslash)
    .replace(LINE_START_ENTITY, entity)
    .replace(ORDERED, (_m, digits: string, mark: string) => `${digits}${backslash(mark)}`);
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
