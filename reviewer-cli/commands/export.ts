// `export --out DIR [ID...]`: approved stories as Markdown + stories.json, one story at a time
// (memory does not grow with the number of stories). Every story is checked again as `approve`
// does, and, with a team, against the team log: no conflict, no rejection, and as many editors'
// approvals of this exact text as `team --approvals` asks (team-log.ts). A story that fails —
// withdrawn by its author, refused by a newer detector, short of approvals — is skipped with a
// warning naming it, and its file from an earlier export in DIR is removed and named; with
// --strict, any failure writes nothing at all. The stories an earlier export in DIR holds stay
// there as long as they can still be published, so a smaller export never drops them silently.
// Once the files are in place, each story is marked exported in its review state (`status push`
// then says "published"); a story whose file was removed loses that mark.
import { approvalProblem } from '../approval.ts';
import { publishableArtworkBytes } from '../artwork.ts';
import { CliError } from '../errors.ts';
import { periodicCollector } from '../heap.ts';
import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import { loadDetector, type Detector } from '../places.ts';
import { storySlug, toPublishedStory } from '../publish/published-story.ts';
import { ExportFolder } from '../publish/write-export.ts';
import { openRow, saveReviewStates, type ReviewedStory } from '../reviewed-story.ts';
import { withEditor, type Editor } from '../session.ts';
import { shortId } from '../short-id.ts';
import { lazyTeamEditors, teamProblem } from '../team-log.ts';
import type { EditorPublicKey } from '../../crypto/public-key.ts';

interface Skipped {
  id: string;
  problem: string;
  /** The file an earlier export in DIR held for it, removed by this one. */
  removed?: string;
}

interface ExportResult {
  written: number;
  skipped: Skipped[];
  /** Stories newly written (to mark exported) and stories whose file is gone (to unmark). */
  mark: string[];
  unmark: string[];
}

interface Rules {
  detector: Detector;
  /** Editors who must approve the same text (`team --approvals`), and the team log's editors. */
  approvals: number;
  editors: () => Map<string, EditorPublicKey>;
}

function problemOf(editor: Editor, { row, story, state }: ReviewedStory, rules: Rules): string | null {
  if (!row.withdrawn && state.status !== 'approved') return state.status === 'rejected' ? 'it was rejected' : 'it is not approved';
  return approvalProblem(row.withdrawn, story.testimony.language, state, rules.detector) ?? teamProblem(editor, row.id, state, rules.approvals, rules.editors);
}

/** Streams every chosen story into `folder`; returns what was written and skipped. */
function fillFolder(editor: Editor, folder: ExportFolder, wanted: ReadonlySet<string>, strict: boolean): ExportResult {
  const rules: Rules = { detector: loadDetector(), approvals: editor.vault.approvalsRequired(), editors: lazyTeamEditors(editor) };
  const result: ExportResult = { written: 0, skipped: [], mark: [], unmark: [] };
  const seenEarlier = new Set<string>();
  const collectNow = periodicCollector(1000);
  for (const row of editor.vault.rows()) {
    collectNow();
    // A story nobody has decided about was never exported, and is exported only when named;
    // dismissed and quarantined stories are never opened (openRow says why when one is named).
    if ((!row.state || row.dismissed || row.conflict) && !wanted.has(row.id)) continue;
    const reviewed = openRow(editor, row);
    const slug = storySlug(reviewed.story.digest);
    const earlier = folder.earlierSlugs.has(slug);
    if (earlier) seenEarlier.add(slug);
    const chosen = wanted.size > 0 ? wanted.has(row.id) : reviewed.state.status === 'approved';
    if (!chosen && !earlier) continue;
    const problem = problemOf(editor, reviewed, rules);
    if (problem) {
      result.skipped.push({ id: row.id, problem, ...(earlier ? { removed: `${slug}.md` } : {}) });
      if (reviewed.state.exported) result.unmark.push(row.id);
      continue;
    }
    const { artwork } = reviewed.state;
    folder.add(toPublishedStory(row.day, reviewed.story.testimony, reviewed.story.digest, reviewed.state), artwork && publishableArtworkBytes(artwork, shortId(row.id)));
    if (!reviewed.state.exported) result.mark.push(row.id);
    result.written++;
  }
  if (strict && result.skipped.length > 0) {
    const [first] = result.skipped;
    const more = result.skipped.length > 1 ? ` (and ${plural(result.skipped.length - 1, 'more story')} with problems)` : '';
    throw new CliError(`nothing was exported: story ${shortId(first!.id)}: ${first!.problem}${more}`);
  }
  const unknown = [...folder.earlierSlugs].filter((slug) => !seenEarlier.has(slug));
  if (unknown.length > 0) {
    // Written from another vault, or by hand: this vault cannot tell whether they may stay.
    throw new CliError(`the folder holds ${plural(unknown.length, 'story')} this vault does not know (${unknown.slice(0, 3).map((s) => `${s}.md`).join(', ')}); nothing was exported: export to a new folder`);
  }
  return result;
}

/** Records in each review state whether its story is now on the site, after the files are:
 * in one transaction, reading the stories again 50 at a time (each batch is held opened and
 * re-sealed at once; batches of 500 raised the peak memory by a fifth). */
function markExported(editor: Editor, mark: readonly string[], unmark: readonly string[]): void {
  const { vault } = editor;
  const update = (ids: readonly string[], exported: boolean) => {
    for (let start = 0; start < ids.length; start += 50) {
      const loaded = ids.slice(start, start + 50).map((id) => openRow(editor, vault.row(id)));
      saveReviewStates(editor, loaded.map((story) => ({ loaded: story, next: { ...story.state, exported: exported || undefined } })));
    }
  };
  vault.transaction(() => {
    update(mark, true);
    update(unmark, false);
  });
}

function warning(skipped: Skipped): string {
  const removed = skipped.removed ? `; removed ${skipped.removed} from the earlier export` : '';
  return `sotto-review: warning: skipped story ${shortId(skipped.id)}: ${skipped.problem}${removed}\n`;
}

export async function runExport(ctx: CommandContext): Promise<void> {
  const out = ctx.options.out as string;
  const strict = ctx.options.strict === true;
  const result = await withEditor(ctx, { createVault: false }, async (editor) => {
    const wanted = new Set(ctx.args.map((input) => editor.vault.resolveId(input)));
    const folder = ExportFolder.create(out);
    let filled: ExportResult;
    try {
      filled = fillFolder(editor, folder, wanted, strict);
      if (filled.written === 0 && !folder.replacing) {
        const why = filled.skipped.slice(0, 3).map((s) => `; story ${shortId(s.id)}: ${s.problem}`).join('');
        throw new CliError(`no approved stories to export${why}`);
      }
      folder.commit();
    } catch (error) {
      folder.discard();
      throw error;
    }
    markExported(editor, filled.mark, filled.unmark);
    return filled;
  });
  for (const skipped of result.skipped) await write(ctx.io.stderr, warning(skipped));
  await write(ctx.io.stdout, `Exported ${plural(result.written, 'story')} to ${out}.\n`);
}
