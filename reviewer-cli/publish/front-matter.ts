// YAML front matter that Hugo, Eleventy, Jekyll and Astro read as it is. Every value is a
// double-quoted YAML scalar with strict escaping, so no story or title can end the front matter,
// add a key, or smuggle a YAML tag: the only structure is the one written here.

/** A YAML 1.1/1.2 double-quoted scalar (the escapes both versions share). */
export function yamlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd'; // a lone surrogate cannot be written as UTF-8
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff || cp === 0xfffe || cp === 0xffff) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** Layouts print front-matter values into HTML, and some (Jekyll, Eleventy with Liquid) do not
 * escape them. Replacing the characters that open tags and end attributes (single- or
 * double-quoted: `content='{{ page.title }}'`) with typographic look-alikes keeps even a careless
 * layout from running a script from a title. Some layouts also pass titles through Markdown
 * (Hugo's and Jekyll's `markdownify`): look-alike brackets keep link and image syntax from
 * working, and look-alikes for the colon of "://", the first slash of "//", a dot inside a word and @ keep autolinkers
 * from finding an address. */
export function plainDisplayText(value: string): string {
  return value
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/"(?=\S)/g, '“')
    .replace(/"/g, '”')
    .replace(/'/g, '’')
    .replace(/`/g, 'ʼ')
    .replace(/\[/g, '［')
    .replace(/\]/g, '］')
    .replace(/:(?=\/\/)/g, '꞉')
    .replace(/\/(?=\/)/g, '∕')
    .replace(/\.(?=[\p{L}\p{N}])/gu, '․')
    .replace(/@/g, '＠');
}

/** A day written as a bare YAML date, so that every generator reads it as a date, not a string. */
export interface FrontMatterDate {
  date: string;
}

export type FrontMatterValue = string | readonly string[] | FrontMatterDate;

function yamlValue(value: FrontMatterValue): string {
  if (typeof value === 'string') return yamlString(value);
  if ('date' in value) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value.date)) throw new Error('not a day');
    return value.date;
  }
  return `[${value.map(yamlString).join(', ')}]`;
}

export function frontMatter(fields: readonly [string, FrontMatterValue | undefined][]): string {
  const lines = fields
    .filter((entry): entry is [string, FrontMatterValue] => entry[1] !== undefined)
    .map(([key, value]) => `${key}: ${yamlValue(value)}`);
  return `---\n${lines.join('\n')}\n---\n`;
}
