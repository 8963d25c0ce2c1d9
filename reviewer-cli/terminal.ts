// Text from submissions is attacker-controlled. Printed raw, escape sequences in it could rewrite
// the editor's terminal (move the cursor, hide lines, set the clipboard through OSC 52) and bidi
// controls could make text read differently from what it is. Everything untrusted goes through
// these helpers before it reaches a terminal or a JSON stream.

// C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates,
// line/paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

function visible(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/** Multi-line text made safe to print: unsafe characters shown as \u{…}, CRLF kept as a newline. */
export function safeText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, visible);
}

/** One-line text made safe to print: newlines and tabs become spaces as well. */
export function safeLine(text: string): string {
  return safeText(text).replace(/[\n\t]/g, ' ');
}

/** JSON.stringify escapes C0 controls but not C1 or bidi controls; this escapes those too. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Cuts to `max` characters (code points) with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
