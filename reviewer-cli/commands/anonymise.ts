// `anonymise ID`: walks the places the detector finds (place-review.ts) and saves the result,
// sealed, in the vault. Interactive on a terminal or a pipe; `--auto` takes every suggestion.

import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import type { Io } from '../io.ts';
import { write, type CommandContext } from '../io.ts';
import { createLineReader, type LineReader } from '../line-reader.ts';
import { autoReviewer, reviewPlaces, type Field, type PlaceQuestion, type Reviewer } from '../place-review.ts';
import { countInvisible, loadDetector } from '../places.ts';
import { loadReviewedStory, refuseWithdrawn, saveReviewState } from '../reviewed-story.ts';
import { withEditor } from '../session.ts';
import { safeLine } from '../terminal.ts';

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

function interactiveReviewer(io: Io, reader: LineReader): Reviewer {
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
            const phrase = await required(reader, 'Text to replace (exactly as written): ');
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
      const phrase = await reader.ask('\nAnything else to replace? Type the exact text, or press Enter to finish: ');
      if (phrase === null || phrase.trim() === '') return null;
      return { phrase: phrase.trim(), replacement: await required(reader, 'Replace it with: ') };
    },
  };
}

export async function runAnonymise(ctx: CommandContext): Promise<void> {
  const message = await withEditor(ctx, { createVault: false }, async (editor) => {
    const { row, story, state } = loadReviewedStory(editor, ctx.args[0]!);
    refuseWithdrawn({ row, story, state }, 'anonymise');
    const t = story.testimony;
    const fields: Field[] = [...(t.title ? [{ name: 'title' as const, text: t.title }] : []), { name: 'story', text: t.story }];
    const detector = loadDetector();
    const reader = ctx.options.auto ? undefined : createLineReader(ctx.io);
    let result;
    try {
      result = await reviewPlaces(fields, t.language, detector, reader ? interactiveReviewer(ctx.io, reader) : autoReviewer);
    } catch (error) {
      if (error instanceof Stop) throw new CliError('input ended before every place was reviewed; nothing was saved');
      throw error;
    } finally {
      reader?.close();
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
      `Story ${row.id}: ${plural(c.replaced, 'place')} replaced, ${c.kept} kept as written, ${plural(c.keptByPolicy, 'country name')} left as is, ${c.marked} marked by hand.`,
      ...(state.status === 'approved' ? ['Its earlier approval no longer holds: approve it again when ready.'] : []),
      `Read it with \`sotto-review show ${row.id} --anonymised\`, then \`sotto-review approve ${row.id}\`.`,
    ].join('\n');
  });
  await write(ctx.io.stdout, `${message}\n`);
}
