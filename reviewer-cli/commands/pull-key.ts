// `pull-key --key FILE --out FILE`: the pull-only key (pull-key.ts) for an existing secret key.

import { wipeIdentity } from '../../crypto/identity.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { write, type CommandContext } from '../io.ts';
import { unlockKey } from '../key.ts';
import { PULL_KEY_NOTE, writePullKey } from '../pull-key.ts';

export async function runPullKey({ io, options, settings }: CommandContext): Promise<void> {
  const out = options.out as string;
  const sodium = await loadSodium();
  const identity = await unlockKey(io, sodium, settings.keyFile!, settings.passphraseFile);
  try {
    await writePullKey(io, sodium, identity, out, { passphraseFile: options['new-passphrase-file'] as string | undefined });
  } finally {
    wipeIdentity(identity);
  }
  await write(io.stdout, [`Wrote ${out}.`, ...PULL_KEY_NOTE, ''].join('\n'));
}
