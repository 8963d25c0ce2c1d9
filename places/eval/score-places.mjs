#!/usr/bin/env node
// score-places.mjs — score a place-name anonymiser against an annotated JSONL corpus.
//
// Usage:
//   node score-places.mjs [options] CORPUS.jsonl -- COMMAND [ARGS...]
//   node score-places.mjs [options] CORPUS.jsonl --pred PREDICTIONS.jsonl
//
// The command receives the corpus on stdin as JSONL lines {"id","lang","text"} and must
// print JSONL lines {"id","spans":[{"start","end"},...]} on stdout (JavaScript string
// indices, UTF-16 code units, end exclusive). Other fields are ignored; lines that are
// not JSON objects are skipped with a warning. Its stderr is passed through.
//
// Options:
//   --pred FILE     read predictions from FILE instead of running a command
//   --json FILE     also write a machine-readable report to FILE
//   --list N        show at most N missed spans and N false positives (default: all)
//   --timeout SEC   kill the command after SEC seconds (default 600)
//
// Scoring rules (see README.md beside this file):
//   * recall: gold spans other than kinds "country" and "demonym_adj" count; a gold span
//     is caught when every non-whitespace character of it is covered by the union of the
//     predicted spans. For kinds in KEY_KINDS that carry a "key" {start,end}, covering the
//     key (the identifying words) is enough.
//   * demonym_adj recall is reported separately; "country" spans are kept by policy and
//     never count as misses.
//   * precision: a predicted span is a true positive when it shares a non-whitespace
//     character with a gold span of any kind except "country"; a span touching only
//     country spans is neutral (neither true nor false); anything else is a false positive.
//     Guard against over-long spans: a predicted span with more non-whitespace characters
//     outside all gold spans than max(8, its non-whitespace characters inside gold spans)
//     is counted as a false positive ("overreach"), whatever it overlaps.
//   * the last line printed is always: recall=R precision=P (three decimals).
// Exit status is 0 whenever scoring ran (even if the command failed); 2 on usage errors.

import fs from 'node:fs';
import { spawn } from 'node:child_process';

const KEY_KINDS = new Set(['street', 'metro', 'park', 'venue', 'institution', 'district', 'region', 'landmark']);
const EXCLUDED_FROM_RECALL = new Set(['country', 'demonym_adj']);
const KIND_ORDER = ['city', 'town', 'district', 'street', 'metro', 'park', 'venue', 'institution', 'landmark', 'region', 'demonym_adj', 'country'];
const OVERREACH_MIN_SLACK = 8;

function usage(msg) {
  if (msg) process.stderr.write(`score-places: ${msg}\n`);
  process.stderr.write('usage: node score-places.mjs [--json FILE] [--list N] [--timeout SEC] CORPUS.jsonl -- COMMAND [ARGS...]\n' +
    '       node score-places.mjs [--json FILE] [--list N] CORPUS.jsonl --pred PREDICTIONS.jsonl\n');
  process.exit(2);
}

// ---------- arguments ----------
const argv = process.argv.slice(2);
const dd = argv.indexOf('--');
const opts = dd >= 0 ? argv.slice(0, dd) : argv;
const command = dd >= 0 ? argv.slice(dd + 1) : [];
let corpusPath = null, predPath = null, jsonOut = null, listMax = Infinity, timeoutSec = 600;
for (let i = 0; i < opts.length; i++) {
  const a = opts[i];
  const next = () => { if (i + 1 >= opts.length) usage(`${a} needs a value`); return opts[++i]; };
  if (a === '--pred') predPath = next();
  else if (a === '--json') jsonOut = next();
  else if (a === '--list') { listMax = Number(next()); if (!(listMax >= 0)) usage('--list needs a number'); }
  else if (a === '--timeout') { timeoutSec = Number(next()); if (!(timeoutSec > 0)) usage('--timeout needs a positive number'); }
  else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (!corpusPath) corpusPath = a;
  else usage(`unexpected argument ${a}`);
}
if (!corpusPath) usage('missing CORPUS.jsonl');
if (!predPath && command.length === 0) usage('missing COMMAND after -- (or --pred FILE)');
if (predPath && command.length) usage('give either --pred or a command, not both');

// ---------- corpus ----------
const warnings = [];
const warn = (m) => warnings.push(m);
const docs = [];
{
  const lines = fs.readFileSync(corpusPath, 'utf8').split(/\r?\n/);
  lines.forEach((line, n) => {
    if (!line.trim()) return;
    let d;
    try { d = JSON.parse(line); } catch { usage(`${corpusPath}:${n + 1}: not JSON`); }
    if (typeof d.id !== 'string' || typeof d.text !== 'string' || !Array.isArray(d.places)) usage(`${corpusPath}:${n + 1}: needs id, text, places`);
    for (const p of d.places) {
      if (!(Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.start < p.end && p.end <= d.text.length)) usage(`${d.id}: bad gold span ${JSON.stringify(p)}`);
      if (p.text !== undefined && d.text.slice(p.start, p.end) !== p.text) usage(`${d.id}: gold text mismatch for ${JSON.stringify(p)}`);
      if (p.key && !(Number.isInteger(p.key.start) && Number.isInteger(p.key.end) && p.key.start >= p.start && p.key.end <= p.end && p.key.start < p.key.end)) usage(`${d.id}: bad key ${JSON.stringify(p)}`);
    }
    docs.push(d);
  });
}
const byId = new Map(docs.map((d) => [d.id, d]));
if (byId.size !== docs.length) usage('duplicate ids in corpus');

// ---------- predictions ----------
async function runCommand() {
  const input = docs.map((d) => JSON.stringify({ id: d.id, lang: d.lang, text: d.text })).join('\n') + '\n';
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
    } catch (e) {
      warn(`could not start command: ${e.message}`);
      resolve({ stdout: '', status: null });
      return;
    }
    const chunks = [];
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutSec * 1000);
    child.stdout.on('data', (c) => chunks.push(c));
    child.stdin.on('error', () => { /* command closed stdin early (EPIPE) */ });
    let spawnFailed = false;
    child.on('error', (e) => { spawnFailed = true; warn(`command error: ${e.message}`); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) warn(`command killed after ${timeoutSec}s timeout`);
      else if (code !== 0 && !spawnFailed) warn(`command exited with status ${code}${signal ? ` (signal ${signal})` : ''}`);
      resolve({ stdout: Buffer.concat(chunks).toString('utf8'), status: code });
    });
    child.stdin.end(input);
  });
}

const raw = predPath ? fs.readFileSync(predPath, 'utf8') : (await runCommand()).stdout;
const predSpans = new Map(docs.map((d) => [d.id, []]));
{
  let malformed = 0, unknown = 0, invalid = 0;
  const seen = new Set();
  for (const line of raw.split(/\r?\n/)) {
    const t = line.trim();
    if (!t) continue;
    let o;
    try { o = JSON.parse(t); } catch { o = null; }
    if (!o || typeof o !== 'object' || typeof o.id !== 'string' || !Array.isArray(o.spans)) {
      if (malformed++ < 3) warn(`skipped output line (not {"id","spans"}): ${t.slice(0, 120)}`);
      continue;
    }
    const d = byId.get(o.id);
    if (!d) { if (unknown++ < 3) warn(`unknown id in output: ${o.id}`); continue; }
    if (seen.has(o.id)) warn(`id ${o.id} appears more than once in output; spans merged`);
    seen.add(o.id);
    for (const s of o.spans) {
      if (!s || !Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > d.text.length || s.start >= s.end) {
        if (invalid++ < 3) warn(`invalid span for ${o.id}: ${JSON.stringify(s)}`);
        continue;
      }
      predSpans.get(o.id).push({ start: s.start, end: s.end });
    }
  }
  if (malformed > 3) warn(`... ${malformed} output lines skipped in total`);
  if (unknown > 3) warn(`... ${unknown} unknown ids in total`);
  if (invalid > 3) warn(`... ${invalid} invalid spans in total`);
  const missing = docs.filter((d) => !seen.has(d.id)).length;
  if (missing) warn(`${missing} of ${docs.length} texts got no output line (treated as no spans)`);
}

// ---------- scoring ----------
const isSpace = (ch) => /\s/u.test(ch);
const ctx = (text, s, e, w = 40) => {
  const a = Math.max(0, s - w), b = Math.min(text.length, e + w);
  return ((a > 0 ? '…' : '') + text.slice(a, s) + '⟦' + text.slice(s, e) + '⟧' + text.slice(e, b) + (b < text.length ? '…' : '')).replace(/\s+/g, ' ');
};
const mk = () => ({ gold: 0, caught: 0 });
const perLang = {}, perKind = {}, perLangPrec = {};
let mainGold = 0, mainCaught = 0, demGold = 0, demCaught = 0, ctyGold = 0, ctyCovered = 0;
let tp = 0, fp = 0, neutral = 0, overreach = 0, predTotal = 0;
const missed = [], falsePos = [];

for (const d of docs) {
  const text = d.text;
  const covered = new Uint8Array(text.length);
  const inGold = new Uint8Array(text.length); // 1 = inside a non-country gold span, 2 = inside a country span only
  const preds = [];
  const seenSpan = new Set();
  for (const s of predSpans.get(d.id)) {
    const k = `${s.start}:${s.end}`;
    if (seenSpan.has(k)) continue; // exact duplicates count once
    seenSpan.add(k);
    preds.push(s);
    for (let i = s.start; i < s.end; i++) covered[i] = 1;
  }
  for (const g of d.places) for (let i = g.start; i < g.end; i++) if (g.kind === 'country') { if (!inGold[i]) inGold[i] = 2; } else inGold[i] = 1;

  // recall
  for (const g of d.places) {
    const useKey = g.key && KEY_KINDS.has(g.kind);
    const rs = useKey ? g.key.start : g.start, re = useKey ? g.key.end : g.end;
    let need = 0, have = 0;
    for (let i = rs; i < re; i++) if (!isSpace(text[i])) { need++; if (covered[i]) have++; }
    const caught = need > 0 && have === need;
    perKind[g.kind] ??= mk(); perKind[g.kind].gold++; if (caught) perKind[g.kind].caught++;
    if (g.kind === 'country') { ctyGold++; if (caught) ctyCovered++; continue; }
    if (g.kind === 'demonym_adj') { demGold++; if (caught) demCaught++; else missed.push({ id: d.id, lang: d.lang, kind: g.kind, text: g.text, key: useKey ? text.slice(rs, re) : null, have, need, context: ctx(text, g.start, g.end), scored: false }); continue; }
    mainGold++; if (caught) mainCaught++;
    perLang[d.lang] ??= mk(); perLang[d.lang].gold++; if (caught) perLang[d.lang].caught++;
    if (!caught) missed.push({ id: d.id, lang: d.lang, kind: g.kind, text: g.text, key: useKey ? text.slice(rs, re) : null, have, need, context: ctx(text, g.start, g.end), scored: true });
  }

  // precision
  perLangPrec[d.lang] ??= { tp: 0, fp: 0 };
  for (const s of preds) {
    predTotal++;
    let inside = 0, outside = 0, touchesScored = false, touchesCountry = false;
    for (let i = s.start; i < s.end; i++) {
      if (isSpace(text[i])) continue;
      if (inGold[i]) inside++; else outside++;
    }
    for (const g of d.places) {
      if (s.start >= g.end || g.start >= s.end) continue;
      let shared = false;
      for (let i = Math.max(s.start, g.start); i < Math.min(s.end, g.end); i++) if (!isSpace(text[i])) { shared = true; break; }
      if (!shared) continue;
      if (g.kind === 'country') touchesCountry = true; else touchesScored = true;
    }
    let verdict;
    if ((touchesScored || touchesCountry) && outside > Math.max(OVERREACH_MIN_SLACK, inside)) { verdict = 'fp'; overreach++; }
    else if (touchesScored) verdict = 'tp';
    else if (touchesCountry) verdict = 'neutral';
    else verdict = 'fp';
    if (verdict === 'tp') { tp++; perLangPrec[d.lang].tp++; }
    else if (verdict === 'neutral') neutral++;
    else {
      fp++; perLangPrec[d.lang].fp++;
      falsePos.push({ id: d.id, lang: d.lang, text: text.slice(s.start, s.end), start: s.start, end: s.end, reason: (touchesScored || touchesCountry) ? 'overreach' : 'no gold place', context: ctx(text, s.start, s.end) });
    }
  }
}

const ratio = (a, b) => (b ? a / b : 0);
const f3 = (x) => x.toFixed(3);
const recall = ratio(mainCaught, mainGold);
const precision = ratio(tp, tp + fp);
const f2 = recall + precision ? (5 * precision * recall) / (4 * precision + recall) : 0;

// ---------- report ----------
const out = [];
out.push(`corpus: ${corpusPath} (${docs.length} texts)`);
out.push(predPath ? `predictions: ${predPath}` : `command: ${command.join(' ')}`);
for (const w of warnings) out.push(`warning: ${w}`);
out.push('');
out.push(`gold place spans scored: ${mainGold}   caught: ${mainCaught}   recall: ${f3(recall)}`);
out.push(`predicted spans: ${predTotal}   true: ${tp}   false: ${fp} (overreach: ${overreach})   neutral (country only): ${neutral}   precision: ${f3(precision)}`);
out.push(`F2 (recall-weighted): ${f3(f2)}`);
out.push(`demonym_adj (reported separately): ${demCaught}/${demGold} caught = ${f3(ratio(demCaught, demGold))}`);
out.push(`country spans (kept by policy, not scored): ${ctyCovered}/${ctyGold} covered by predictions`);
out.push('');
out.push('per language:   recall (caught/gold)      precision (true/true+false)');
for (const lang of Object.keys({ ...perLang, ...perLangPrec }).sort()) {
  const r = perLang[lang] || mk(), p = perLangPrec[lang] || { tp: 0, fp: 0 };
  out.push(`  ${lang.padEnd(4)}          ${f3(ratio(r.caught, r.gold))} (${r.caught}/${r.gold})`.padEnd(42) + `${f3(ratio(p.tp, p.tp + p.fp))} (${p.tp}/${p.tp + p.fp})`);
}
out.push('');
out.push('per kind recall:');
for (const k of [...KIND_ORDER, ...Object.keys(perKind).filter((k) => !KIND_ORDER.includes(k))]) {
  if (!perKind[k]) continue;
  const note = k === 'country' ? '  (not scored)' : k === 'demonym_adj' ? '  (reported separately)' : '';
  out.push(`  ${k.padEnd(12)} ${f3(ratio(perKind[k].caught, perKind[k].gold))} (${perKind[k].caught}/${perKind[k].gold})${note}`);
}
out.push('');
out.push(`missed gold spans (${missed.length}${missed.length > listMax ? `, showing ${listMax}` : ''}):`);
for (const m of missed.slice(0, listMax)) {
  const part = m.have ? ` partly covered ${m.have}/${m.need} chars` : '';
  out.push(`  MISS ${m.id} [${m.lang} ${m.kind}${m.scored ? '' : ', not in recall'}] "${m.text}"${m.key ? ` (key "${m.key}")` : ''}${part}  ${m.context}`);
}
out.push('');
out.push(`false positives (${falsePos.length}${falsePos.length > listMax ? `, showing ${listMax}` : ''}):`);
for (const f of falsePos.slice(0, listMax)) out.push(`  FP   ${f.id} [${f.lang}] "${f.text}" (${f.reason})  ${f.context}`);
out.push('');

if (jsonOut) {
  fs.writeFileSync(jsonOut, JSON.stringify({
    corpus: corpusPath, texts: docs.length, recall, precision, f2,
    gold: mainGold, caught: mainCaught, predicted: predTotal, truePositives: tp, falsePositives: fp, overreach, neutral,
    demonym: { gold: demGold, caught: demCaught }, country: { gold: ctyGold, covered: ctyCovered },
    perLanguage: Object.fromEntries(Object.keys({ ...perLang, ...perLangPrec }).map((l) => [l, { gold: perLang[l]?.gold || 0, caught: perLang[l]?.caught || 0, tp: perLangPrec[l]?.tp || 0, fp: perLangPrec[l]?.fp || 0 }])),
    perKind, missed, falsePositives: falsePos, warnings,
  }, null, 2));
}

out.push(`recall=${f3(recall)} precision=${f3(precision)}`);
process.stdout.write(out.join('\n') + '\n');
process.exitCode = 0;
