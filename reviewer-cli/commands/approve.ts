// `approve ID`: only an anonymised story in which the detector finds no unreviewed place, and
// never a withdrawn one (approval.ts).

import { approvalProblem } from '../approval.ts';
import { CliError } from '../errors.ts';
import { write, type CommandContext } from '../io.ts';
import { loadDetector } from '../places.ts';
import { loadReviewedStory, saveReviewState } from '../reviewed-story.ts';
import { withEditor } from '../session.ts';

export async function runApprove(ctx: CommandContext): Promise<void> {
  const id = await withEditor(ctx, { createVault: false }, async (editor) => {
    const loaded = loadReviewedStory(editor, ctx.args[0]!);
    const { row, story, state } = loaded;
    const problem = approvalProblem(row.withdrawn, story.testimony.language, state, loadDetector());
    if (problem) throw new CliError(`cannot approve story ${row.id}: ${problem}`);
    const tags = (ctx.options.tag as string[] | undefined) ?? state.tags;
    // Approving again (new tags) keeps an earlier export; approving anew waits for the next one.
    saveReviewState(editor, loaded, { ...state, status: 'approved', tags, exported: state.status === 'approved' ? state.exported : undefined });
    return row.id;
  });
  await write(ctx.io.stdout, `Story ${id} approved. Write it out with \`sotto-review export --out DIR\`.\n`);
}
