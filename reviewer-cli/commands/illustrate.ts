// `illustrate ID IMAGE --credit NAME [--alt TEXT]`: attaches the artwork made for a story (or
// replaces it). The image is read and cleaned before the passphrase is asked for, so a file that
// cannot be used costs nothing; artwork.ts says where it is kept.

import { readFileSync, statSync } from 'node:fs';
import { describeRemoved, prepareArtwork } from '../artwork.ts';
import { CliError, UsageError } from '../errors.ts';
import { write, type CommandContext } from '../io.ts';
import { loadReviewedStory, refuseWithdrawn, saveReviewState } from '../reviewed-story.ts';
import { withEditor } from '../session.ts';
import { shortId } from '../short-id.ts';

/** Larger than any artwork kept (artwork.ts), so a big photo is cleaned and then told its size. */
const MAX_IMAGE_FILE_BYTES = 64 * 1024 * 1024;

function readImage(file: string): Uint8Array {
  const stat = statSync(file);
  if (!stat.isFile()) throw new CliError(`${file} is not a file`);
  if (stat.size > MAX_IMAGE_FILE_BYTES) throw new CliError(`${file} is larger than ${MAX_IMAGE_FILE_BYTES / 1024 / 1024} MiB; nothing was saved`);
  return new Uint8Array(readFileSync(file));
}

export async function runIllustrate(ctx: CommandContext): Promise<void> {
  const [input, file] = ctx.args as [string, string];
  const credit = ctx.options.credit;
  if (typeof credit !== 'string') throw new UsageError('--credit NAME is required: the artist is credited on the site', 'illustrate');
  const alt = typeof ctx.options.alt === 'string' ? ctx.options.alt : undefined;
  const { artwork, report, bytes } = prepareArtwork(file, readImage(file), credit, alt);
  const { id, replaced } = await withEditor(ctx, { createVault: false }, async (editor) => {
    const loaded = loadReviewedStory(editor, input);
    refuseWithdrawn(loaded, 'illustrate');
    saveReviewState(editor, loaded, { ...loaded.state, artwork });
    return { id: loaded.row.id, replaced: loaded.state.artwork !== undefined };
  });
  const lines = [
    `${replaced ? 'Replaced the artwork of' : 'Attached artwork to'} story ${shortId(id)}: ${report.format.toUpperCase()}, ${report.width}×${report.height}, ${bytes} bytes; ${describeRemoved(report)}.`,
    ...(alt === undefined ? ['No alt text: give --alt "..." so that people who cannot see the image know what it shows.'] : []),
    ...(report.droppedOrientation !== undefined
      ? [`The image carried an EXIF orientation (${report.droppedOrientation}) that was removed with the rest: it is now shown as stored, which may be rotated or mirrored. Rotate it in an image editor and attach it again if it looks wrong.`]
      : []),
  ];
  await write(ctx.io.stdout, `${lines.join('\n')}\n`);
}
