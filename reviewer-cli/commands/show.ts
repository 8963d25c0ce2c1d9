// `show ID`: one story with its form fields, decrypted in memory and printed.

import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import { displayStatus, loadReviewedStory, type ReviewedStory } from '../reviewed-story.ts';
import { withEditor } from '../session.ts';
import { countInvisible, markInvisible } from '../places.ts';
import { safeJson, safeLine, safeText } from '../terminal.ts';

function asJson({ row, story, state }: ReviewedStory): unknown {
  const t = story.testimony;
  return {
    id: row.id,
    day: row.day,
    status: displayStatus(row.withdrawn, state),
    withdrawn: row.withdrawn,
    language: t.language,
    region: t.region ?? null,
    title: t.title ?? null,
    story: t.story,
    consent: t.consent,
    contact: t.contact ?? null,
    replyKey: t.replyKey,
    anonymised: state.anonymised ?? null,
    tags: state.tags,
    notes: state.notes,
  };
}

function asText({ row, story, state }: ReviewedStory, anonymised: boolean): string {
  const t = story.testimony;
  const title = anonymised ? state.anonymised!.title : t.title;
  const fields: [string, string | undefined][] = [
    ['Story', row.id],
    ['Received', row.day],
    ['Status', displayStatus(row.withdrawn, state)],
    ['Language', t.language],
    ['Region', t.region],
    ['Title', title],
    ['Contact', t.contact === undefined ? undefined : `${t.contact}  (private: never exported)`],
    ['Tags', state.tags.length > 0 ? state.tags.join(', ') : undefined],
  ];
  const lines = fields.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${`${k}:`.padEnd(10)}${safeLine(markInvisible(v!))}`);
  for (const note of state.notes) lines.push(`${'Note:'.padEnd(10)}${safeLine(note.day)}  ${safeLine(note.text)}`);
  const text = anonymised ? state.anonymised!.story : t.story;
  // Invisible characters can hide a place from a reader and from a detector: flag and show them.
  const hidden = countInvisible(`${title ?? ''}${text}`);
  if (hidden > 0) lines.push(`${'Warning:'.padEnd(10)}${plural(hidden, 'invisible character')} (shown as [U+…]); export removes them`);
  const heading = anonymised ? '--- anonymised story ---' : '--- story as sent ---';
  return `${lines.join('\n')}\n\n${heading}\n${safeText(markInvisible(text))}\n`;
}

export async function runShow(ctx: CommandContext): Promise<void> {
  const anonymised = ctx.options.anonymised === true;
  const output = await withEditor(ctx, { createVault: false }, async (editor) => {
    const story = loadReviewedStory(editor, ctx.args[0]!);
    if (ctx.options.json) return `${safeJson(asJson(story))}\n`;
    if (anonymised && !story.state.anonymised) throw new CliError(`story ${story.row.id} has not been anonymised yet (run \`sotto-review anonymise ${story.row.id}\`)`);
    return asText(story, anonymised);
  });
  await write(ctx.io.stdout, output);
}
