// The checks a story must pass to be approved, and again at export (a story approved before a
// withdrawal arrived, or before the detector learnt a new place, is caught then).

import { plural } from './format.ts';
import type { Detector } from './places.ts';
import { unreviewedSpans } from './redaction.ts';
import type { ReviewState } from './review-state.ts';
import { safeLine, truncate } from './terminal.ts';
import { shortId } from './short-id.ts';

/** What stops this story from being published, as one sentence; null when nothing does. */
export function approvalProblem(withdrawn: boolean, lang: string, state: ReviewState, detector: Detector): string | null {
  if (withdrawn) return 'it was withdrawn by its author and can never be published';
  const done = state.anonymised;
  if (!done) return `it has not been anonymised yet (run \`sotto-review anonymise ${shortId(state.id)}\`)`;
  const texts = [done.title, done.story].filter((t): t is string => t !== undefined);
  const remaining = texts.flatMap((text) => unreviewedSpans(detector.detect(text, lang), done.decisions));
  if (remaining.length === 0) return null;
  const listed = remaining.slice(0, 5).map((s) => `«${truncate(safeLine(s.text), 40)}» (${s.kind})`).join(', ');
  const more = remaining.length > 5 ? ` and ${remaining.length - 5} more` : '';
  return `${plural(remaining.length, 'place')} still unreviewed: ${listed}${more} (run \`sotto-review anonymise ${shortId(state.id)}\`)`;
}
