import { describe, expect, it } from 'vitest';
import { safeJson, safeLine, safeText } from './terminal.ts';

// Named one by one, not taken from the regular expression under test: the characters that
// rewrite a terminal or make text read differently from what it is.
const HOSTILE = [
  0x00, 0x07, 0x08, 0x0b, 0x0c, 0x0d, 0x1b, 0x7f, 0x85, 0x9b, 0x9d, // C0, DEL, NEL, CSI, OSC
  0xad, // soft hyphen
  0x061c, 0x200e, 0x200f, // Arabic letter mark, LRM, RLM
  0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, // zero-width space, non-joiner, joiner, word joiner, BOM
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, // embeddings, overrides, isolates
  0x2028, 0x2029, // line and paragraph separators
  0xfff9, 0xfffa, 0xfffb, // interlinear annotation
  0xe0001, 0xe0041, 0xe007f, // tag characters
];

const printable = /^[^\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]*$/u;

describe('terminal escaping', () => {
  it('shows every control and format character as a visible escape, in lines and in text', () => {
    for (const cp of HOSTILE) {
      const ch = String.fromCodePoint(cp);
      const line = safeLine(`a${ch}b`);
      expect(line).toBe(`a\\u{${cp.toString(16)}}b`);
      expect(safeText(`x${ch} \ny`)).toMatch(/^x\\u\{[0-9a-f]+\} \ny$/);
    }
  });

  it('keeps newlines in text, turns them into spaces in a line, and leaves ordinary text alone', () => {
    expect(safeText('Город\r\nулица\tдом')).toBe('Город\nулица\tдом');
    expect(safeLine('Город\nулица\tдом')).toBe('Город улица дом');
    expect(safeLine('Привіт, світ — café 🏳️‍🌈'.replace('\u200d', ''))).toBe('Привіт, світ — café 🏳️🌈');
  });

  it('escapes them in JSON too, so a JSON stream read on a terminal is printable ASCII-safe', () => {
    const all = HOSTILE.map((cp) => String.fromCodePoint(cp)).join('');
    const json = safeJson({ title: all, lone: '\ud800' });
    expect(json.replace(/\n/g, '')).toMatch(printable);
    expect(JSON.parse(json)).toEqual({ title: all, lone: '\ud800' });
  });
});
