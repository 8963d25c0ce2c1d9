// `passwd --key FILE`: re-encrypts the key under a new passphrase, raising the KDF cost to the
// current default if the file was made with less. The file is replaced atomically.

import { wipeIdentity } from '../../crypto/identity.ts';
import { DEFAULT_KDF, encryptIdentity, kdfParamsOfKeyFile } from '../../crypto/key-file.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { replaceFile } from '../../node-lib/durable-file.ts';
import { write, type CommandContext } from '../io.ts';
import { readKeyFile, unlockKey } from '../key.ts';
import { checkNewPassphrase, readPassphrase } from '../passphrase.ts';

export async function runPasswd({ io, options, settings }: CommandContext): Promise<void> {
  const file = settings.keyFile!;
  const sodium = await loadSodium();
  const identity = await unlockKey(io, sodium, file, settings.passphraseFile);
  try {
    const passphrase = await readPassphrase(io, {
      file: options['new-passphrase-file'] as string | undefined,
      envName: 'SOTTO_NEW_PASSPHRASE',
      prompt: 'New passphrase: ',
      confirm: true,
    });
    checkNewPassphrase(passphrase);
    const old = kdfParamsOfKeyFile(await readKeyFile(file));
    const params = { opsLimit: Math.max(old.opsLimit, DEFAULT_KDF.opsLimit), memLimitBytes: Math.max(old.memLimitBytes, DEFAULT_KDF.memLimitBytes) };
    const text = encryptIdentity(sodium, identity, passphrase, params);
    replaceFile(file, 0o600, (w) => w(text));
  } finally {
    wipeIdentity(identity);
  }
  await write(io.stdout, `Passphrase changed for ${file}.\n`);
}
