// The anonymising walk through a story, independent of how answers are given: `--auto` and the
// interactive prompt are two Reviewers over the same walk. The same place (same placeId, or
// the same words) gets the same choice everywhere in the title and the story.

import type { Decision } from './review-state.ts';
import { applyChoices, findPhrase, normalise, type Choice } from './redaction.ts';
import type { Detector, ReplacedSpan } from './places.ts';
import { suggestReplacements } from './places.ts';

export interface Field {
  name: 'title' | 'story';
  text: string;
}

export interface PlaceQuestion {
  field: Field;
  span: ReplacedSpan;
  /** 1-based position among the places that need an answer, and how many there are. */
  number: number;
  total: number;
}

export type Answer =
  | { action: 'accept' }
  | { action: 'replace'; replacement: string }
  | { action: 'keep' }
  | { action: 'mark'; phrase: string; replacement: string }
  | { action: 'quit' };

export interface Reviewer {
  decide(question: PlaceQuestion): Promise<Answer>;
  /** After the detected places: more text to replace by hand, or null when done. */
  markMore(): Promise<{ phrase: string; replacement: string } | null | 'quit'>;
}

export interface ReviewResult {
  texts: Record<Field['name'], string | undefined>;
  decisions: Decision[];
  counts: { replaced: number; kept: number; keptByPolicy: number; marked: number };
}

function placeKey(span: ReplacedSpan): string {
  return span.placeId ?? normalise(span.text);
}

/** Returns null when the reviewer quits (nothing is to be saved). */
export async function reviewPlaces(fields: readonly Field[], lang: string, detector: Detector, reviewer: Reviewer): Promise<ReviewResult | null> {
  const found = fields.map((field) => ({ field, spans: suggestReplacements(field.text, lang, detector.detect(field.text, lang)) }));
  const questions = new Set(found.flatMap(({ spans }) => spans.filter((s) => !s.keep).map(placeKey))).size;
  const memory = new Map<string, string | null>();
  const choices = new Map<Field['name'], Choice[]>(fields.map((f) => [f.name, []]));
  const marks: { phrase: string; replacement: string }[] = [];
  const counts = { replaced: 0, kept: 0, keptByPolicy: 0, marked: 0 };
  let asked = 0;

  for (const { field, spans } of found) {
    for (const span of spans) {
      const key = placeKey(span);
      let replacement: string | null | undefined = span.keep ? null : memory.get(key);
      if (replacement === undefined) {
        asked++;
        for (;;) {
          const answer = await reviewer.decide({ field, span, number: asked, total: questions });
          if (answer.action === 'quit') return null;
          if (answer.action === 'mark') {
            marks.push({ phrase: answer.phrase, replacement: answer.replacement });
            continue;
          }
          replacement = answer.action === 'accept' ? span.replacement : answer.action === 'replace' ? answer.replacement : null;
          break;
        }
        memory.set(key, replacement);
      }
      const decided = replacement ?? null;
      if (span.keep) counts.keptByPolicy++;
      else if (decided === null) counts.kept++;
      else counts.replaced++;
      choices.get(field.name)!.push({ start: span.start, end: span.end, original: span.text, replacement: decided, kind: span.kind, manual: false });
    }
  }

  for (;;) {
    const more = await reviewer.markMore();
    if (more === 'quit') return null;
    if (more === null) break;
    marks.push(more);
  }
  for (const mark of marks) {
    for (const field of fields) {
      const list = choices.get(field.name)!;
      for (const range of findPhrase(field.text, mark.phrase, list)) {
        list.push({ ...range, original: mark.phrase, replacement: mark.replacement, kind: 'manual', manual: true });
        counts.marked++;
      }
    }
  }

  const texts: ReviewResult['texts'] = { title: undefined, story: undefined };
  for (const field of fields) texts[field.name] = applyChoices(field.text, choices.get(field.name)!);
  const decisions = [...choices.values()].flat().map(({ original, replacement, kind, manual }) => ({ original, replacement, kind, manual }));
  return { texts, decisions, counts };
}

/** `--auto`: every suggestion accepted, nothing marked by hand. */
export const autoReviewer: Reviewer = {
  decide: async () => ({ action: 'accept' }),
  markMore: async () => null,
};
