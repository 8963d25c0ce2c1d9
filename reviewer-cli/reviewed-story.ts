// One story as the review commands see it: the vault row, the opened testimony and the review
// state, loaded and saved together.

import { utcDay } from '../node-lib/utc-day.ts';
import { CliError } from './errors.ts';
import { openReviewState, sealReviewState, type ReviewState } from './review-state.ts';
import type { Editor } from './session.ts';
import { openStory, type OpenedStory } from './story.ts';
import type { VaultRow } from './vault.ts';

export interface ReviewedStory {
  row: VaultRow;
  story: OpenedStory;
  state: ReviewState;
}

/** `input` is an id or a unique prefix of one. */
export function loadReviewedStory(editor: Editor, input: string): ReviewedStory {
  const row = editor.vault.row(editor.vault.resolveId(input));
  return openRow(editor, row);
}

export function openRow(editor: Editor, row: VaultRow): ReviewedStory {
  return {
    row,
    story: openStory(editor.sodium, editor.identity, row),
    state: openReviewState(editor.sodium, editor.identity, row.id, row.state),
  };
}

export function saveReviewState(editor: Editor, state: ReviewState): void {
  saveReviewStates(editor, [state]);
}

/** Seals and saves several states in one transaction. */
export function saveReviewStates(editor: Editor, states: readonly ReviewState[]): void {
  editor.vault.saveStates(states.map((state) => ({ id: state.id, state: sealReviewState(editor.sodium, editor.identity, state) })));
}

/** Withdrawn stories can be read, but no decision about them is recorded. */
export function refuseWithdrawn(story: ReviewedStory, what: string): void {
  if (story.row.withdrawn) throw new CliError(`cannot ${what} story ${story.row.id}: it was withdrawn by its author`);
}

export function displayStatus(withdrawn: boolean, state: ReviewState): string {
  return withdrawn ? 'withdrawn' : state.status;
}

/** Today as YYYY-MM-DD in UTC: day-level dates only, as everywhere in Sotto. */
export function today(): string {
  return utcDay(Date.now());
}
