// `editors [--accept FILE]`: shows the editor set this vault accepted and the keys its stories
// are actually encrypted to; with --accept, records the key list in FILE as the accepted set
// (editor-set.ts). Works with the full key or the pull-only key.

import { readFile } from 'node:fs/promises';
import { parseKeyList, type EditorPublicKey } from '../../crypto/public-key.ts';
import { acceptEditors, acceptedEditors, describeKeySet, recipientsInVault } from '../editor-set.ts';
import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import { withSigner } from '../session.ts';

async function readKeyList(file: string): Promise<EditorPublicKey[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  try {
    return parseKeyList(text);
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}; nothing was accepted`);
  }
}

export async function runEditors(ctx: CommandContext): Promise<void> {
  const file = ctx.options.accept as string | undefined;
  const keys = file === undefined ? undefined : await readKeyList(file);
  const lines = await withSigner(ctx, { createVault: false }, async ({ vault, keyIdHex }) => {
    if (keys) {
      if (!keys.some((k) => k.keyIdHex === keyIdHex)) throw new CliError(`${file} does not hold your own key: it is not your team's key list; nothing was accepted`);
      acceptEditors(vault, keys);
      return ['Accepted this editor set:', ...describeKeySet(keys)];
    }
    const accepted = acceptedEditors(vault);
    const known = new Set([keyIdHex, ...accepted.map((k) => k.keyIdHex)]);
    return [
      ...(accepted.length === 0 ? ['No editor set accepted yet (run `sotto-review editors --accept FILE` with your team\'s key list).'] : ['Accepted editor set:', ...describeKeySet(accepted)]),
      '',
      'Stories in this vault are encrypted to:',
      ...recipientsInVault(vault).map((r) => `  key id ${r.keyIdHex}: ${plural(r.stories, 'story')}${r.keyIdHex === keyIdHex ? ' (you)' : known.has(r.keyIdHex) ? '' : '  <-- NOT ACCEPTED'}`),
    ];
  });
  await write(ctx.io.stdout, `${lines.join('\n')}\n`);
}
