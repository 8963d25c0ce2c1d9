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
import { DETECTOR_LANGUAGES, detectorLanguage } from './_languages.ts';
import { normalise, toOriginal } from './_normalise.ts';
import { Coverage } from './_coverage.ts';
import { hyphenCompounds } from './_hyphen-compound.ts';
import { districtAfterCity } from './_city-districts.ts';
import { peopleIndex, personSpans } from './_people.ts';

/** Rules for a story language; an unknown language ("other") gets every language's rules. */
function langsFor(lang: string): string[] {
  const l = detectorLanguage(lang);
  return l ? [l] : [...DETECTOR_LANGUAGES];
}

interface Candidate extends Span { prio: number }

// Higher wins an overlap: contacts hide their letters from place rules, a head-word phrase
// beats the bare name inside it, the gazetteer beats demonyms and the fallback.
const PRIO = { contact: 5, pattern: 4, gazetteer: 3, demonym: 2, fallback: 1, person: 0 } as const;

/** `wordCacheLimit`: words remembered by the matcher (0 = none; see _word-cache.ts). */
export function createDetector(g: Gazetteer, opts: { wordCacheLimit?: number } = {}): Detector {
  const rules: Record<string, Rule[]> = { cyr: cyrillicRules(), en: englishRules(), fr: frenchRules() };
  const words = new WordCache(g, opts.wordCacheLimit);
  const people = peopleIndex();

  // Detection runs on the normalised text (_normalise.ts); spans are mapped back to the original.
  function detect(original: string, lang: string): Span[] {
    if (typeof original !== 'string') throw new TypeError('"text" expected string');
    const n = normalise(original);
    const spans = detectNormalised(n.text, lang);
    if (n.text === original) return spans;
    return spans.map((s) => {
      const { start, end } = toOriginal(n, s.start, s.end);
      return { ...s, start, end, text: original.slice(start, end), ...(s.key ? { key: toOriginal(n, s.key.start, s.key.end) } : {}) };
    });
  }

  function detectNormalised(text: string, lang: string): Span[] {
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
      // "Glasgow's Govan", "Berlin (Wedding)": the name after a known city is its district, over
      // any shorter match inside it (Montreal's Gay Village: not the town of Gay).
      const d = kind === 'city' || kind === 'town' ? districtAfterCity(text, b.end) : null;
      if (d) add(d.start, d.end, 'district', PRIO.pattern);
    }
    for (const i of matchDemonyms(g, tokens, words)) {
      const t = tokens[i]!;
      add(t.start, t.end, 'demonym_adj', PRIO.demonym);
    }

    const coverage = new Coverage(text.length);
    const chosen = resolve(cands, text, coverage);
    const choose = (c: Candidate): void => { coverage.mark(c.start, c.end, chosen.length); chosen.push(c); };
    const taken = (i: number): boolean => { const t = tokens[i]; return !!t && coverage.covered(t.start, t.end); };
    for (const f of fallbackSpans(text, tokens, taken, langs)) {
      const a = tokens[f.first]!, b = tokens[f.last]!;
      const end = b.end + numberedName(text, b.end, coverage);
      choose({ start: a.start, end, kind: f.kind, text: text.slice(a.start, end), prio: PRIO.fallback });
    }

    const absorbed = widenToCompounds(text, chosen, coverage);

    for (const s of [...chosen]) {
      if (s.kind !== 'street') continue;
      for (const n of streetNumberSpans(text, s)) {
        if (!coverage.covered(n.start, n.end)) choose({ ...n, kind: 'street_number', text: text.slice(n.start, n.end), prio: PRIO.contact });
      }
    }

    for (const p of personSpans(text, tokens, taken, people)) {
      const a = tokens[p.first]!, b = tokens[p.last]!;
      choose({ start: a.start, end: b.end, kind: 'person', text: text.slice(a.start, b.end), prio: PRIO.person, placeId: p.id });
    }

    const kept = chosen.filter((c) => !absorbed.has(c));
    kept.sort((x, y) => x.start - y.start);
    for (const s of kept) withPossessive(text, s);
    return kept.map(({ prio: _prio, ...s }) => ({ ...s, placeId: s.placeId ?? placeIdFor(s, text, tokensIn(tokens, s)) }));
  }

  return { detect };
}

/**
 * A place inside a hyphenated compound (Saint-Jacques-de-la-Lande, Croix-Rousse) is widened to the
 * whole compound, absorbing the other places in it. Without a particle, a gazetteer name beside
 * another word (Moscou-Paris, Moscou-Berlin) stays as it is. Returns the absorbed spans (their indexes stay in `coverage`).
 */
function widenToCompounds(text: string, chosen: Candidate[], coverage: Coverage): Set<Candidate> {
  const absorbed = new Set<Candidate>();
  for (const c of hyphenCompounds(text)) {
    const owners = coverage.owners(c.start, c.end);
    const spans = owners.map((i) => chosen[i]!);
    if (spans.length === 0 || spans.some((s) => !widens(s) || s.kind === 'person' || s.kind === 'demonym_adj')) continue;
    if (spans.some((s) => s.start < c.start || s.end > c.end)) continue;
    if (spans.length === 1 && spans[0]!.start === c.start && spans[0]!.end === c.end) continue;
    if (!c.withParticle && (spans.length === 1 ? spans[0]!.prio === PRIO.gazetteer : spans.every((s) => s.prio === PRIO.gazetteer))) continue;
    const [head, ...rest] = spans as [Candidate, ...Candidate[]];
    for (const r of rest) absorbed.add(r);
    coverage.mark(c.start, c.end, owners[0]!);
    Object.assign(head, { start: c.start, end: c.end, text: text.slice(c.start, c.end) });
    delete head.key;
    delete head.placeId;
  }
  return absorbed;
}

/** "at Arma 17", "в Сити 24": a number of one to three digits right after an unknown name is part of it (not a year). */
function numberedName(text: string, end: number, coverage: Coverage): number {
  const m = /^ \d{1,3}(?![\p{L}\p{N}]|[.,:]\d)/u.exec(text.slice(end, end + 6));
  return m && !coverage.covered(end, end + m[0].length) ? m[0].length : 0;
}

/** The tokenizer reads "Patriarch's" as "Patriarch": a name ending there takes its "'s" back. */
function withPossessive(text: string, s: Candidate): void {
  if (!/^['’]s(?![\p{L}\p{N}])/u.test(text.slice(s.end, s.end + 3)) || !/[A-Za-z]$/.test(text.charAt(s.end - 1))) return;
  if (s.key?.end === s.end) s.key.end += 2;
  s.end += 2;
  s.text = text.slice(s.start, s.end);
}

/** The tokens inside a span's key (or the span): found by binary search, tokens are in text order. */
function tokensIn(tokens: Token[], s: Span): Token[] {
  const ks = s.key?.start ?? s.start, ke = s.key?.end ?? s.end;
  let lo = 0, hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < ks) lo = mid + 1; else hi = mid;
  }
  const out: Token[] = [];
  for (let i = lo; i < tokens.length && tokens[i]!.start < ke; i++) if (tokens[i]!.end <= ke) out.push(tokens[i]!);
  return out;
}

function resolve(cands: Candidate[], text: string, coverage: Coverage): Candidate[] {
  const sorted = [...cands].sort((a, b) => b.prio - a.prio || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const out: Candidate[] = [];
  for (const c of sorted) {
    const hit = coverage.owners(c.start, c.end);
    if (hit.length === 0) { coverage.mark(c.start, c.end, out.length); out.push(c); continue; }
    // A losing place phrase that sticks out of the winner ("селі Крячківка Пирятинського" vs
    // "Пирятинського району") widens it, so every word of both stays covered.
    const oi = hit[0]!, o = out[oi]!;
    if (hit.length > 1 || !widens(o) || !widens(c) || (c.start >= o.start && c.end <= o.end)) continue;
    const start = Math.min(o.start, c.start), end = Math.max(o.end, c.end);
    if (coverage.owners(start, end).some((x) => x !== oi)) continue;
    coverage.mark(start, end, oi);
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
