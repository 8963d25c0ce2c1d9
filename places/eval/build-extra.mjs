#!/usr/bin/env node
// Turn extra.src.txt (readable markup) into extra.jsonl (the scorer's format) with exact
// UTF-16 offsets, so hand-written annotations never carry miscounted indices.
// Usage: node build-extra.mjs [name]  — reads NAME.src.txt, writes NAME.jsonl (default: extra).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const name = process.argv[2] ?? 'extra';
const out = [];
for (const line of fs.readFileSync(path.join(here, `${name}.src.txt`), 'utf8').split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [id, lang, marked] = line.split('\t');
  let text = '';
  const places = [];
  let rest = marked;
  for (;;) {
    const i = rest.indexOf('[[');
    if (i < 0) { text += rest; break; }
    text += rest.slice(0, i);
    const j = rest.indexOf(']]', i);
    const [span, kind, key] = rest.slice(i + 2, j).split('|');
    const start = text.length;
    text += span;
    const p = { start, end: text.length, text: span, kind };
    if (key) {
      const k = span.indexOf(key);
      if (k < 0) throw new Error(`${id}: key ${key} not in ${span}`);
      p.key = { start: start + k, end: start + k + key.length, text: key };
    }
    places.push(p);
    rest = rest.slice(j + 2);
  }
  out.push(JSON.stringify({ id, lang, text, places }));
}
fs.writeFileSync(path.join(here, `${name}.jsonl`), out.join('\n') + '\n');
console.log(`${name}.jsonl: ${out.length} stories`);
