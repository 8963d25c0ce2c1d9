// `reject ID`: the story will not be published (it can still be approved later).

import { write, type CommandContext } from '../io.ts';
import { loadReviewedStory, refuseWithdrawn, saveReviewState } from '../reviewed-story.ts';
import { withEditor } from '../session.ts';

export async function runReject(ctx: CommandContext): Promise<void> {
  const id = await withEditor(ctx, { createVault: false }, async (editor) => {
    const story = loadReviewedStory(editor, ctx.args[0]!);
    refuseWithdrawn(story, 'reject');
    saveReviewState(editor, story, { ...story.state, status: 'rejected', exported: undefined });
    return story.row.id;
  });
  await write(ctx.io.stdout, `Story ${id} rejected. \`sotto-review status push\` tells the author (online).\n`);
}
