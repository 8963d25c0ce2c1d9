// Text from submissions is attacker-controlled. Printed raw, escape sequences in it could rewrite
// the editor's terminal (move the cursor, hide lines, set the clipboard through OSC 52) and bidi
// controls could make text read differently from what it is. Everything untrusted goes through
// these helpers before it reaches a terminal or a JSON stream.

// Every control (Unicode category Cc: C0 except tab and newline, DEL, C1) and every format
// character (Cf: bidi marks, embeddings, overrides and isolates, zero-width characters, soft
// hyphens, tag characters, interlinear annotations), lone surrogates (Cs) and the line/paragraph separators (Zl, Zp).
const UNSAFE = /(?![\t\n])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

function visible(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

function jsonEscape(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** Multi-line text made safe to print: unsafe characters shown as \u{…}, CRLF kept as a newline. */
export function safeText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, visible);
}

/** One-line text made safe to print: newlines and tabs become spaces as well. */
export function safeLine(text: string): string {
  return safeText(text).replace(/[\n\t]/g, ' ');
}

/** JSON.stringify escapes C0 controls but not C1 or format characters; this escapes those too
 * (astral ones, such as tag characters, as their two UTF-16 escapes). */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE, jsonEscape);
}

/** Cuts to `max` characters (code points) with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
