// `anonymise ID`: walks the places the detector finds (place-review.ts) and saves the result,
// sealed, in the vault. Interactive on a terminal or a pipe; `--auto` takes every suggestion.

import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import type { Io } from '../io.ts';
import { write, type CommandContext } from '../io.ts';
import { createLineReader, type LineReader } from '../line-reader.ts';
import { autoReviewer, reviewPlaces, type Field, type PlaceQuestion, type Reviewer } from '../place-review.ts';
import { countInvisible, loadDetector } from '../places.ts';
import { loadReviewedStory, refuseWithdrawn, saveReviewState, type ReviewedStory } from '../reviewed-story.ts';
import { withEditor, type Editor } from '../session.ts';
import { safeLine } from '../terminal.ts';
import { shortId } from '../short-id.ts';

const CONTEXT_CHARS = 60;

/** The span in its sentence, on one line; highlighted in reverse video on a terminal. */
export function inContext(question: PlaceQuestion, highlight: boolean): string {
  const { text } = question.field;
  const { start, end } = question.span;
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  const place = safeLine(text.slice(start, end));
  const marked = highlight ? `\x1b[7m${place}\x1b[27m` : `[[${place}]]`;
  return `${from > 0 ? '…' : ''}${safeLine(text.slice(from, start))}${marked}${safeLine(text.slice(end, to))}${to < text.length ? '…' : ''}`;
}

class Stop extends Error {}

async function required(reader: LineReader, prompt: string): Promise<string> {
  for (;;) {
    const line = await reader.ask(prompt);
    if (line === null) throw new Stop('input ended');
    if (line.trim() !== '') return line.trim();
  }
}

/** Asks for text to mark by hand until it is found in the title or story as written; null when
 * the editor presses Enter (only if `optional`). */
async function askPhrase(io: Io, reader: LineReader, fields: readonly Field[], prompt: string, optional: boolean): Promise<string | null> {
  for (;;) {
    const line = await reader.ask(prompt);
    if (line === null) {
      if (optional) return null;
      throw new Stop('input ended');
    }
    const phrase = line.trim();
    if (phrase === '') {
      if (optional) return null;
      continue;
    }
    if (fields.some((field) => field.text.includes(phrase))) return phrase;
    await write(io.stdout, `Text not found: «${safeLine(phrase)}» is not in the ${fields.map((f) => f.name).join(' or ')} (type it exactly as written).\n`);
  }
}

function interactiveReviewer(io: Io, reader: LineReader, fields: readonly Field[]): Reviewer {
  const highlight = (io.stdout as { isTTY?: boolean }).isTTY === true;
  return {
    async decide(question) {
      const { span } = question;
      await write(io.stdout, [
        '',
        `Place ${question.number} of ${question.total} · ${span.kind} · in the ${question.field.name}`,
        `  ${inContext(question, highlight)}`,
        `  Proposed: «${safeLine(span.replacement)}»`,
        '  Enter = accept · e = edit · k = keep original · m = mark more text · q = quit without saving',
        '',
      ].join('\n'));
      for (;;) {
        const line = await reader.ask('> ');
        if (line === null) throw new Stop('input ended');
        switch (line.trim().toLowerCase()) {
          case '':
          case 'a':
            return { action: 'accept' };
          case 'e':
            return { action: 'replace', replacement: await required(reader, 'Replace with: ') };
          case 'k':
            return { action: 'keep' };
          case 'm': {
            const phrase = (await askPhrase(io, reader, fields, 'Text to replace (exactly as written): ', false))!;
            return { action: 'mark', phrase, replacement: await required(reader, 'Replace it with: ') };
          }
          case 'q':
            return { action: 'quit' };
          default:
            await write(io.stdout, 'Please answer with Enter, e, k, m or q.\n');
        }
      }
    },
    async markMore() {
      const phrase = await askPhrase(io, reader, fields, '\nAnything else to replace? Type the exact text, or press Enter to finish: ', true);
      if (phrase === null) return null;
      return { phrase, replacement: await required(reader, 'Replace it with: ') };
    },
  };
}

/** Reviews the places of one story (asking through `reader`, or accepting every proposal
 * without one) and saves the result; returns the summary lines. Throws CliError, saving nothing,
 * when the editor quits or input ends. */
export async function anonymiseStory(editor: Editor, { row, story, state }: ReviewedStory, io: Io, reader: LineReader | undefined): Promise<string[]> {
  refuseWithdrawn({ row, story, state }, 'anonymise');
  const t = story.testimony;
  const fields: Field[] = [...(t.title ? [{ name: 'title' as const, text: t.title }] : []), { name: 'story', text: t.story }];
  let result;
  try {
    result = await reviewPlaces(fields, t.language, loadDetector(), reader ? interactiveReviewer(io, reader, fields) : autoReviewer);
  } catch (error) {
    if (error instanceof Stop) throw new CliError('input ended before every place was reviewed; nothing was saved');
    throw error;
  }
  if (!result) throw new CliError('stopped; nothing was saved');
  saveReviewState(editor, { row, story, state }, {
    ...state,
    status: 'anonymised',
    anonymised: { title: result.texts.title, story: result.texts.story!, decisions: result.decisions },
    exported: undefined,
  });
  const c = result.counts;
  const hidden = fields.reduce((n, f) => n + countInvisible(f.text), 0);
  return [
    ...(hidden > 0 ? [`Warning: the story held ${plural(hidden, 'invisible character')} (soft hyphens, zero-width or bidi marks); places were read through them and export removes them.`] : []),
    `Story ${shortId(row.id)}: ${plural(c.replaced, 'place')} replaced, ${c.kept} kept as written, ${plural(c.keptByPolicy, 'country name')} left as is, ${c.marked} marked by hand.`,
    ...(state.status === 'approved' ? ['Its earlier approval no longer holds: approve it again when ready.'] : []),
  ];
}

export async function runAnonymise(ctx: CommandContext): Promise<void> {
  const message = await withEditor(ctx, { createVault: false }, async (editor) => {
    const reviewed = loadReviewedStory(editor, ctx.args[0]!);
    const reader = ctx.options.auto ? undefined : createLineReader(ctx.io);
    try {
      const id = shortId(reviewed.row.id);
      return [...(await anonymiseStory(editor, reviewed, ctx.io, reader)), `Read it with \`sotto-review show ${id} --anonymised\`, then \`sotto-review approve ${id}\`.`].join('\n');
    } finally {
      reader?.close();
    }
  });
  await write(ctx.io.stdout, `${message}\n`);
}
