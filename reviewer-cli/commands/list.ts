// `list`: every story in the vault, decrypted in memory one at a time. A story that cannot be
// opened is listed as unreadable and makes the command fail after the listing, so tampering is
// never silent, until the editor dismisses it. Quarantined and dismissed stories are listed
// without being opened. Stories encrypted to keys outside the accepted editor set are warned about.
// With a team (team-log.ts), a TEAM column says who claimed each story, who approved its text
// against the rule, and any conflict.

import { attachmentSummaries, describeAttachments, type AttachmentSummary } from '../attachments.ts';
import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { shortId } from '../short-id.ts';
import { write, type CommandContext } from '../io.ts';
import { RecipientTally, warnAboutRecipients } from '../editor-set.ts';
import { displayStatus, openRow } from '../reviewed-story.ts';
import { withEditor } from '../session.ts';
import { safeJson, safeLine, truncate } from '../terminal.ts';
import { approversOf, editorName, lazyTeamEditors, teamView } from '../team-log.ts';
import { textHash } from '../team-record.ts';

export interface ListEntry {
  id: string;
  /** The id as editors type it (short-id.ts). */
  shortId: string;
  day: string;
  language: string;
  status: string;
  /** Characters (code points) in the original story. */
  length: number;
  title: string;
  /** The story's pictures: type and size. */
  attachments: AttachmentSummary[];
  /** What the team log says (team-log.ts), when there is a team record or a rule of more than
   * one approval; key ids of editors. */
  team?: { claimedBy: string[]; approvedBy: string[]; required: number; conflicts: string[] };
}

/** The TEAM column: who claimed it, approvals of this text against the rule, conflicts. */
function teamCell(team: ListEntry['team'], own: string): string {
  if (!team) return '';
  const parts = [];
  if (team.claimedBy.length > 0) parts.push(`claimed by ${team.claimedBy.map((k) => editorName(k, own)).join(', ')}`);
  parts.push(`approved ${team.approvedBy.length}/${team.required}${team.approvedBy.length > 0 ? ` (${team.approvedBy.map((k) => editorName(k, own)).join(', ')})` : ''}`);
  if (team.conflicts.length > 0) parts.push(`CONFLICT: ${team.conflicts.join('; ')}`);
  return parts.join('; ');
}

/** Code points, without building an array of them (list runs over many stories). */
function charCount(text: string): number {
  let surrogates = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) surrogates++;
  }
  return text.length - surrogates;
}

function table(entries: readonly ListEntry[], own: string): string {
  // Ids and days come from the vault file: safe on the terminal even if it was tampered with.
  // The PICTURES and TEAM columns only when some story has pictures, or team records.
  const pictures = entries.some((e) => e.attachments.length > 0);
  const withTeam = entries.some((e) => e.team);
  const rows = entries.map((e) => [
    safeLine(e.shortId), safeLine(e.day), e.language, e.status, String(e.length),
    ...(pictures ? [describeAttachments(e.attachments) ?? '-'] : []), ...(withTeam ? [teamCell(e.team, own)] : []), truncate(safeLine(e.title), 50),
  ]);
  const header = ['ID', 'RECEIVED', 'LANG', 'STATUS', 'LENGTH', ...(pictures ? ['PICTURES'] : []), ...(withTeam ? ['TEAM'] : []), 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

export async function runList(ctx: CommandContext): Promise<void> {
  const wanted = ctx.options.status as string | undefined;
  const { entries, unreadable, own } = await withEditor(ctx, { createVault: false }, async (editor) => {
    const entries: ListEntry[] = [];
    const unreadable: string[] = [];
    const recipients = new RecipientTally();
    const required = editor.vault.approvalsRequired();
    const editors = lazyTeamEditors(editor);
    for (const row of editor.vault.rows()) {
      recipients.add(row);
      let entry: ListEntry;
      const setAside = row.dismissed ? 'dismissed' : row.conflict ? 'quarantined' : undefined;
      if (setAside) entry = { id: row.id, shortId: shortId(row.id), day: row.day, language: '', status: setAside, length: 0, title: '', attachments: [] };
      else try {
        const { story, state } = openRow(editor, row);
        const t = story.testimony;
        entry = { id: row.id, shortId: shortId(row.id), day: row.day, language: t.language, status: displayStatus(row.withdrawn, state), length: charCount(t.story), title: t.title ?? '', attachments: attachmentSummaries(t) };
        if (required > 1 || editor.vault.hasTeamRecords(row.id)) {
          const view = teamView(editor, row.id, editors());
          const approvedBy = [...approversOf(view, editor.keyIdHex, state, (a) => textHash(editor.sodium, a))];
          entry.team = { claimedBy: view.claimedBy, approvedBy, required, conflicts: view.conflicts };
        }
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        unreadable.push(shortId(row.id));
        entry = { id: row.id, shortId: shortId(row.id), day: row.day, language: '', status: 'unreadable', length: 0, title: '', attachments: [] };
      }
      if (!wanted || entry.status === wanted) entries.push(entry);
    }
    await warnAboutRecipients(ctx.io, editor.vault, editor.keyIdHex, recipients.result());
    return { entries, unreadable, own: editor.keyIdHex };
  });
  if (ctx.options.json) await write(ctx.io.stdout, `${safeJson(entries)}\n`);
  else if (entries.length === 0) await write(ctx.io.stdout, wanted ? `No ${wanted} stories.\n` : 'The vault is empty: run `sotto-review pull` (online) or `sotto-review import FILE`.\n');
  else await write(ctx.io.stdout, `${table(entries, own)}\n`);
  if (unreadable.length > 0) {
    throw new CliError(`${plural(unreadable.length, 'story')} could not be opened (damaged, or not sent to your key): ${unreadable.slice(0, 3).join(', ')}${unreadable.length > 3 ? ', …' : ''}; \`sotto-review dismiss ID\` sets one aside`);
  }
}
