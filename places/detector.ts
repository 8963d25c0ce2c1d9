// The detector: gazetteer + morphology + context patterns + fallback, merged into sorted,
// non-overlapping spans (README.md "How it works").
import type { Detector, PlaceKind, Span } from './types.ts';
import type { Gazetteer } from './_gazetteer-types.ts';
import { tokenize } from './_text.ts';
import type { Token } from './_text.ts';
import { matchGazetteer, matchDemonyms } from './_match-gazetteer.ts';
import { applyRules } from './_patterns.ts';
import type { Rule } from './_patterns.ts';
import { cyrillicRules } from './_patterns-cyr.ts';
import { englishRules } from './_patterns-en.ts';
import { frenchRules } from './_patterns-fr.ts';
import { fallbackSpans } from './_fallback.ts';
import { contactSpans, streetNumberSpans } from './_contacts.ts';
import { placeIdFor } from './_replace.ts';
import { WordCache } from './_word-cache.ts';

export const LANGS = ['ru', 'uk', 'en', 'fr'] as const;

/** Rules for a story language; an unknown language gets every language's rules. */
function langsFor(lang: string): string[] {
  const l = lang.toLowerCase().slice(0, 2);
  return (LANGS as readonly string[]).includes(l) ? [l] : [...LANGS];
}

interface Candidate extends Span { prio: number }

// Higher wins an overlap: contacts hide their letters from place rules, a head-word phrase
// beats the bare name inside it, the gazetteer beats demonyms and the fallback.
const PRIO = { contact: 5, pattern: 4, gazetteer: 3, demonym: 2, fallback: 1 } as const;

/** `wordCacheLimit`: words remembered by the matcher (0 = none; see _word-cache.ts). */
export function createDetector(g: Gazetteer, opts: { wordCacheLimit?: number } = {}): Detector {
  const rules: Record<string, Rule[]> = { cyr: cyrillicRules(), en: englishRules(), fr: frenchRules() };
  const words = new WordCache(g, opts.wordCacheLimit);

  function detect(text: string, lang: string): Span[] {
    if (typeof text !== 'string') throw new TypeError('"text" expected string');
    const langs = langsFor(lang);
    const tokens = tokenize(text);
    const cands: Candidate[] = [];
    const add = (start: number, end: number, kind: PlaceKind, prio: number, extra: Partial<Span> = {}): void => {
      if (end > start) cands.push({ start, end, kind, text: text.slice(start, end), prio, ...extra });
    };

    for (const c of contactSpans(text)) add(c.start, c.end, 'contact', PRIO.contact);

    const ruleSets = new Set<Rule[]>();
    for (const l of langs) ruleSets.add(l === 'ru' || l === 'uk' ? rules['cyr']! : rules[l]!);
    // Cyrillic names inside Latin stories (and the reverse) still get their own patterns.
    if (/[\u0400-\u04ff]/.test(text)) ruleSets.add(rules['cyr']!);
    for (const set of ruleSets) {
      for (const p of applyRules(set, text)) {
        const key = p.keyStart > p.start || p.keyEnd < p.end ? { start: p.keyStart, end: p.keyEnd } : undefined;
        add(p.start, p.end, p.kind, PRIO.pattern, key ? { key } : {});
      }
    }

    for (const m of matchGazetteer(g, text, tokens, langs, words)) {
      const a = tokens[m.first]!, b = tokens[m.last]!;
      const kind: PlaceKind = m.place.type;
      add(a.start, b.end, kind, PRIO.gazetteer, { placeId: m.place.id, ...(kind === 'country' ? { keep: true } : {}) });
    }
    for (const i of matchDemonyms(g, tokens, words)) {
      const t = tokens[i]!;
      add(t.start, t.end, 'demonym_adj', PRIO.demonym);
    }

    const chosen = resolve(cands, text);
    const taken = (i: number): boolean => { const t = tokens[i]; return !!t && overlapsAny(chosen, t.start, t.end); };
    for (const f of fallbackSpans(text, tokens, taken, langs)) {
      const a = tokens[f.first]!, b = tokens[f.last]!;
      chosen.push({ start: a.start, end: b.end, kind: f.kind, text: text.slice(a.start, b.end), prio: PRIO.fallback });
    }

    for (const s of [...chosen]) {
      if (s.kind !== 'street') continue;
      for (const n of streetNumberSpans(text, s)) {
        if (!overlapsAny(chosen, n.start, n.end)) chosen.push({ ...n, kind: 'street_number', text: text.slice(n.start, n.end), prio: PRIO.contact });
      }
    }

    chosen.sort((x, y) => x.start - y.start);
    return chosen.map(({ prio: _prio, ...s }) => ({ ...s, placeId: s.placeId ?? placeIdFor(s, text, tokensIn(tokens, s)) }));
  }

  return { detect };
}

function tokensIn(tokens: Token[], s: Span): Token[] {
  const ks = s.key?.start ?? s.start, ke = s.key?.end ?? s.end;
  return tokens.filter((t) => t.start >= ks && t.end <= ke);
}

function overlapsAny(spans: Span[], start: number, end: number): boolean {
  return spans.some((s) => s.start < end && start < s.end);
}

function resolve(cands: Candidate[], text: string): Candidate[] {
  const sorted = [...cands].sort((a, b) => b.prio - a.prio || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const out: Candidate[] = [];
  for (const c of sorted) {
    const hit = out.filter((o) => o.start < c.end && c.start < o.end);
    if (hit.length === 0) { out.push(c); continue; }
    // A losing place phrase that sticks out of the winner ("селі Крячківка Пирятинського" vs
    // "Пирятинського району") widens it, so every word of both stays covered.
    const o = hit[0]!;
    if (hit.length > 1 || !widens(o) || !widens(c) || (c.start >= o.start && c.end <= o.end)) continue;
    const start = Math.min(o.start, c.start), end = Math.max(o.end, c.end);
    if (out.some((x) => x !== o && x.start < end && start < x.end)) continue;
    Object.assign(o, { start, end, text: text.slice(start, end) });
    delete o.key;
    delete o.placeId;
  }
  return out;
}

/** Contacts and countries (kept as written) never merge with a place phrase. */
function widens(c: Candidate): boolean {
  return c.prio !== PRIO.contact && c.kind !== 'country';
}
