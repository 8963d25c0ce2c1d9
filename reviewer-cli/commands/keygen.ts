// `keygen --out FILE [--pull-out FILE]`: a new editor identity, its secret half stored only under
// a passphrase; with --pull-out, also the pull-only key for an online computer (pull-key.ts).

import { existsSync, unlinkSync } from 'node:fs';
import { generateIdentity, publicKeyLineOf, wipeIdentity } from '../../crypto/identity.ts';
import { encryptIdentity } from '../../crypto/key-file.ts';
import { fingerprint } from '../../crypto/public-key.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { CliError } from '../errors.ts';
import { writeNewFile } from '../../node-lib/durable-file.ts';
import { write, type CommandContext } from '../io.ts';
import { checkNewPassphrase, readPassphrase } from '../passphrase.ts';
import { PULL_KEY_NOTE, writePullKey } from '../pull-key.ts';

export async function runKeygen({ io, options, settings }: CommandContext): Promise<void> {
  const out = options.out as string;
  const pubFile = `${out}.pub`;
  const pullFile = options['pull-out'] as string | undefined;
  for (const file of [out, pubFile, ...(pullFile ? [pullFile] : [])]) if (existsSync(file)) throw new CliError(`${file} already exists; not overwriting it`);
  const passphrase = await readPassphrase(io, { file: settings.passphraseFile, envName: 'SOTTO_PASSPHRASE', prompt: 'Choose a passphrase: ', confirm: true });
  checkNewPassphrase(passphrase);
  const sodium = await loadSodium();
  const identity = generateIdentity();
  let line: string;
  try {
    line = publicKeyLineOf(identity, (options.label as string | undefined) ?? '');
    const keyText = encryptIdentity(sodium, identity, passphrase);
    writeNewFile(out, 0o600, (w) => w(keyText));
    try {
      writeNewFile(pubFile, 0o644, (w) => w(`${line}\n`));
      if (pullFile) await writePullKey(io, sodium, identity, pullFile, { passphraseFile: options['pull-passphrase-file'] as string | undefined, keyPassphrase: passphrase });
    } catch (error) {
      for (const file of [out, pubFile]) if (existsSync(file)) unlinkSync(file);
      throw error;
    }
  } finally {
    wipeIdentity(identity);
  }
  await write(io.stdout, [
    `Secret key:  ${out}  (keep it and its passphrase safe: without both, no story can be read)`,
    `Public key:  ${pubFile}`,
    ...(pullFile ? [`Pull-only:   ${pullFile}`, ...PULL_KEY_NOTE] : []),
    `Fingerprint: ${fingerprint({ x25519: identity.x25519.publicKey, ed25519: identity.ed25519.publicKey })}`,
    '',
    `Next: give ${pubFile} to whoever runs the server, and read the fingerprint to them over the phone`,
    'or in person; they compare it with what the server shows.',
    '',
  ].join('\n'));
}
