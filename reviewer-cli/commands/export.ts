// `export --out DIR [ID...]`: approved stories as Markdown + stories.json. Every chosen story is
// checked again as `approve` does; if any fails, nothing at all is written. Once the files are in
// place, each story is marked exported in its review state (`status push` then says "published").

import { approvalProblem } from '../approval.ts';
import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import { loadDetector } from '../places.ts';
import { markdownFile, storiesJson, toPublishedStory, type PublishedStory } from '../publish/published-story.ts';
import { writeExportDir } from '../publish/write-export.ts';
import { openRow, saveReviewStates, type ReviewedStory } from '../reviewed-story.ts';
import { withEditor } from '../session.ts';

export async function runExport(ctx: CommandContext): Promise<void> {
  const out = ctx.options.out as string;
  const count = await withEditor(ctx, { createVault: false }, async (editor) => {
    const { vault } = editor;
    let chosen: ReviewedStory[];
    if (ctx.args.length > 0) {
      chosen = [...new Set(ctx.args.map((input) => vault.resolveId(input)))].map((id) => openRow(editor, vault.row(id)));
    } else {
      chosen = [];
      for (const row of vault.rows()) {
        if (!row.state || row.dismissed || row.conflict) continue;
        const story = openRow(editor, row);
        if (story.state.status === 'approved') chosen.push(story);
      }
      if (chosen.length === 0) throw new CliError('no approved stories to export');
    }
    const detector = loadDetector();
    const problems: string[] = [];
    const published: PublishedStory[] = [];
    const exported: ReviewedStory[] = [];
    for (const reviewed of chosen) {
      const { row, story, state } = reviewed;
      const problem = row.withdrawn || state.status === 'approved'
        ? approvalProblem(row.withdrawn, story.testimony.language, state, detector)
        : 'it is not approved';
      if (problem) problems.push(`story ${row.id}: ${problem}`);
      else {
        published.push(toPublishedStory(row.day, story.testimony, story.digest, state));
        exported.push(reviewed);
      }
    }
    if (problems.length > 0) {
      const more = problems.length > 1 ? ` (and ${plural(problems.length - 1, 'more story')} with problems)` : '';
      throw new CliError(`nothing was exported: ${problems[0]}${more}`);
    }
    published.sort((a, b) => a.month.localeCompare(b.month) || a.slug.localeCompare(b.slug));
    writeExportDir(out, [
      ...published.map((story) => ({ name: `${story.slug}.md`, content: markdownFile(story) })),
      { name: 'stories.json', content: storiesJson(published) },
    ]);
    saveReviewStates(editor, exported.filter((s) => s.state.exported !== true).map((loaded) => ({ loaded, next: { ...loaded.state, exported: true } })));
    return published.length;
  });
  await write(ctx.io.stdout, `Exported ${plural(count, 'story')} to ${out}.\n`);
}
