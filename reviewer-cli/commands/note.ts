// `note ID TEXT`: a private note, sealed with the rest of the review state; never exported.

import { write, type CommandContext } from '../io.ts';
import { loadReviewedStory, saveReviewState, today } from '../reviewed-story.ts';
import { withEditor } from '../session.ts';

export async function runNote(ctx: CommandContext): Promise<void> {
  const id = await withEditor(ctx, { createVault: false }, async (editor) => {
    const { state } = loadReviewedStory(editor, ctx.args[0]!);
    saveReviewState(editor, { ...state, notes: [...state.notes, { day: today(), text: ctx.args[1]! }] });
    return state.id;
  });
  await write(ctx.io.stdout, `Note added to story ${id}.\n`);
}
