// Writing the pull-only key file (crypto/key-file.ts encryptPullKey; SECURITY.md §3 "Pull-only
// key"), shared by `keygen --pull-out` and `pull-key`. Its passphrase is a different one: the
// online computer that holds it must learn nothing that unlocks the full key.

import type { Identity } from '../crypto/identity.ts';
import { encryptPullKey } from '../crypto/key-file.ts';
import type { Sodium } from '../crypto/sodium.ts';
import { CliError } from './errors.ts';
import { writeNewFile } from '../node-lib/durable-file.ts';
import type { Io } from './io.ts';
import { checkNewPassphrase, readPassphrase } from './passphrase.ts';

export async function writePullKey(io: Io, sodium: Sodium, identity: Identity, out: string, options: { passphraseFile?: string; keyPassphrase?: string }): Promise<void> {
  const passphrase = await readPassphrase(io, {
    file: options.passphraseFile,
    envName: 'SOTTO_NEW_PASSPHRASE',
    prompt: 'Passphrase for the pull-only key (a different one): ',
    confirm: true,
  });
  checkNewPassphrase(passphrase);
  if (passphrase === options.keyPassphrase) throw new CliError('use a passphrase for the pull-only key that differs from your secret key\'s: it will be typed on the online computer');
  writeNewFile(out, 0o600, (w) => w(encryptPullKey(sodium, identity, passphrase)));
}

export const PULL_KEY_NOTE = [
  'Pull-only key: copy it to the online computer. It pulls, pushes statuses and signs transfer files,',
  'but cannot open a single story: your secret key never needs to leave the offline laptop.',
];
