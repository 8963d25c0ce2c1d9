// `approve ID`: only an anonymised story in which the detector finds no unreviewed place, and
// never a withdrawn one (approval.ts).

import { approvalProblem } from '../approval.ts';
import { CliError } from '../errors.ts';
import { write, type CommandContext } from '../io.ts';
import { loadDetector } from '../places.ts';
import { loadReviewedStory, saveReviewState, type ReviewedStory } from '../reviewed-story.ts';
import { withEditor, type Editor } from '../session.ts';
import { shortId } from '../short-id.ts';

/** Throws CliError naming what stops the story from being approved. */
export function approveStory(editor: Editor, reviewed: ReviewedStory, tags: string[] = reviewed.state.tags): void {
  const { row, story, state } = reviewed;
  const problem = approvalProblem(row.withdrawn, story.testimony.language, state, loadDetector());
  if (problem) throw new CliError(`cannot approve story ${shortId(row.id)}: ${problem}`);
  // Approving again (new tags) keeps an earlier export; approving anew waits for the next one.
  saveReviewState(editor, reviewed, { ...state, status: 'approved', tags, exported: state.status === 'approved' ? state.exported : undefined });
}

export async function runApprove(ctx: CommandContext): Promise<void> {
  const id = await withEditor(ctx, { createVault: false }, async (editor) => {
    const reviewed = loadReviewedStory(editor, ctx.args[0]!);
    approveStory(editor, reviewed, ctx.options.tag as string[] | undefined);
    return shortId(reviewed.row.id);
  });
  await write(ctx.io.stdout, `Story ${id} approved. Write it out with \`sotto-review export --out DIR\`.\n`);
}
