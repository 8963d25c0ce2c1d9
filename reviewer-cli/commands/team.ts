// `team [ID]`: the team's state of one story as the last `sync` brought it (claims, texts,
// decisions, team notes, conflicts), or without ID the rule this vault exports by and what waits
// for whom;
// `team --approvals N` sets that rule. `claim ID` tells the team you are working on a story.
// Offline: records written here are sent by the next `sync`.

import { CliError } from '../errors.ts';
import { write, type CommandContext } from '../io.ts';
import { loadReviewedStory, refuseWithdrawn } from '../reviewed-story.ts';
import { withEditor, type Editor } from '../session.ts';
import { shortId } from '../short-id.ts';
import { approversOf, editorName, teamEditors, teamView, writeTeamRecord } from '../team-log.ts';
import { textHash } from '../team-record.ts';
import { safeLine, truncate } from '../terminal.ts';

export async function runTeam(ctx: CommandContext): Promise<void> {
  const approvals = ctx.options.approvals as string | undefined;
  if (approvals !== undefined && !/^([1-9]|1[0-6])$/.test(approvals)) throw new CliError('--approvals takes a number of editors from 1 to 16');
  const lines = await withEditor(ctx, { createVault: false }, async (editor) => {
    if (approvals !== undefined) {
      editor.vault.setApprovalsRequired(Number(approvals));
      return [`Stories are now exported once ${approvals === '1' ? 'one editor has' : `${approvals} editors have`} approved the same anonymised text.`];
    }
    const required = editor.vault.approvalsRequired();
    const input = ctx.args[0];
    if (input === undefined) {
      return [
        `Approvals required before export: ${required} (change with \`sotto-review team --approvals N\`).`,
        `Unsent team records: ${editor.vault.unsentTeamRecords().length} (\`sotto-review sync\` sends them).`,
        ...waitingLines(editor, required),
      ];
    }
    const { row, state } = loadReviewedStory(editor, input);
    const view = teamView(editor, row.id);
    const name = (id: string) => editorName(id, editor.keyIdHex);
    const approvers = approversOf(view, editor.keyIdHex, state, (a) => textHash(editor.sodium, a));
    const out = [`Story ${shortId(row.id)}`, `  claimed by: ${view.claimedBy.map(name).join(', ') || 'nobody'}`];
    for (const [hash, text] of view.texts) {
      const mine = state.anonymised && textHash(editor.sodium, state.anonymised) === hash ? ' (yours)' : '';
      out.push(`  text ${hash.slice(0, 8)}${mine} by ${text.by.map(name).join(', ')}: ${truncate(safeLine(text.anonymised.story), 60)}`);
    }
    for (const [author, d] of view.decisions) out.push(`  ${name(author)}: ${d.decision === 'approve' ? `approved text ${d.text!.slice(0, 8)}` : 'rejected'}`);
    out.push(`  approvals of your text: ${approvers.size} of ${required} required`);
    for (const note of view.notes) out.push(`  note by ${name(note.author)} (${note.day}): ${safeLine(note.note)}`);
    if (view.conflicts.length > 0) out.push(`  CONFLICT: ${view.conflicts.join('; ')}; it is not exported until the team agrees`);
    return out;
  });
  await write(ctx.io.stdout, `${lines.join('\n')}\n`);
}

/** What waits for whom, over every story with team records: stories others approved and this
 * editor has not decided, stories this editor approved that lack approvals, and conflicts. */
function waitingLines(editor: Editor, required: number): string[] {
  const ids: string[] = [];
  for (const row of editor.vault.rows()) if (!row.withdrawn && !row.dismissed && !row.conflict && editor.vault.hasTeamRecords(row.id)) ids.push(row.id);
  const editors = teamEditors(editor);
  const forYou: string[] = [];
  const forOthers: string[] = [];
  const conflicts: string[] = [];
  for (const id of ids) {
    const { state } = loadReviewedStory(editor, id);
    const view = teamView(editor, id, editors);
    const approvers = approversOf(view, editor.keyIdHex, state, (a) => textHash(editor.sodium, a));
    if (view.conflicts.length > 0) conflicts.push(shortId(id));
    else if (approvers.size > 0 && state.status !== 'approved' && state.status !== 'rejected') forYou.push(shortId(id));
    else if (state.status === 'approved' && approvers.size < required) forOthers.push(shortId(id));
  }
  const line = (label: string, list: string[]) => (list.length > 0 ? [`${label}: ${list.join(', ')}`] : []);
  return [
    ...line('Approved by others, waiting for your decision', forYou),
    ...line(`Approved by you, waiting for more approvals (${required} required)`, forOthers),
    ...line('CONFLICT (see `sotto-review team ID`)', conflicts),
  ];
}

export async function runClaim(ctx: CommandContext): Promise<void> {
  const id = await withEditor(ctx, { createVault: false }, async (editor) => {
    const loaded = loadReviewedStory(editor, ctx.args[0]!);
    refuseWithdrawn(loaded, 'claim');
    const editors = teamEditors(editor);
    const others = teamView(editor, loaded.row.id, editors).claimedBy.filter((k) => k !== editor.keyIdHex);
    writeTeamRecord(editor, loaded.row.id, { kind: 'claim' }, editors);
    return { id: shortId(loaded.row.id), others: others.map((k) => k.slice(0, 8)) };
  });
  const also = id.others.length > 0 ? ` (also claimed by ${id.others.join(', ')})` : '';
  await write(ctx.io.stdout, `Story ${id.id} claimed${also}; \`sotto-review sync\` tells the team.\n`);
}
