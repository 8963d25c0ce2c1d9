// One story as the review commands see it: the vault row, the opened testimony and the review
// state, loaded and saved together. Saving checks the story's version (no lost updates): when
// another sotto-review saved the story meanwhile, the two changes are merged if they touched
// different fields (notes are always merged: both sides' notes are kept), and otherwise nothing
// is saved and the editor is told; nothing already saved is ever overwritten.

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
  if (row.dismissed) throw new CliError(`story ${row.id} was dismissed (\`sotto-review dismiss\`): it is never opened or exported again`);
  if (row.conflict) {
    throw new CliError(`story ${row.id} is quarantined: two different envelopes arrived under its id, and neither is used until you settle it (see \`sotto-review dismiss --help\`)`);
  }
  return {
    row,
    story: openStory(editor.sodium, editor.identity, row),
    state: stateOf(editor, row),
  };
}

function stateOf(editor: Editor, row: VaultRow): ReviewState {
  return openReviewState(editor.sodium, editor.vault.stateKey, { id: row.id, envelopeHash: row.envelopeHash, version: row.version }, row.state);
}

/** Saves `next`, the state the command made from `loaded`. Throws CliError when another
 * sotto-review changed the same fields meanwhile; nothing is saved then. */
export function saveReviewState(editor: Editor, loaded: ReviewedStory, next: ReviewState): void {
  saveReviewStates(editor, [{ loaded, next }]);
}

/** Saves several states in one transaction: all of them, or none. */
export function saveReviewStates(editor: Editor, changes: readonly { loaded: ReviewedStory; next: ReviewState }[]): void {
  const { vault } = editor;
  vault.transaction(() => {
    for (const { loaded, next } of changes) {
      const current = vault.row(loaded.row.id);
      const state = current.version === loaded.row.version ? next : merged(loaded, next, stateOf(editor, current));
      const seal = (row: VaultRow, version: number) =>
        sealReviewState(editor.sodium, vault.stateKey, { id: row.id, envelopeHash: row.envelopeHash, version }, state);
      if (!vault.saveState(current.id, current.version, seal)) throw new Error('version changed inside a write transaction');
    }
  });
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Three-way merge on the state's fields: ours (loaded → next) on top of theirs (loaded →
 * latest). Notes only grow, so both sides' new notes are kept. Any other field both changed is
 * a conflict. */
function merged(loaded: ReviewedStory, next: ReviewState, latest: ReviewState): ReviewState {
  const base = loaded.state;
  const keys = new Set([...Object.keys(base), ...Object.keys(next), ...Object.keys(latest)]) as Set<keyof ReviewState>;
  const result: Record<string, unknown> = { ...latest };
  for (const key of keys) {
    if (key === 'notes' || same(base[key], next[key])) continue;
    if (!same(base[key], latest[key])) {
      throw new CliError(`story ${base.id} was changed by another sotto-review while this one ran (its ${key === 'anonymised' ? 'anonymised text' : key} changed); nothing was saved, and what the other one saved is kept. Look at it again (\`sotto-review show ${base.id}\`) and repeat your change`);
    }
    result[key] = next[key];
  }
  result.notes = [...latest.notes, ...next.notes.slice(base.notes.length)];
  return result as ReviewState;
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
