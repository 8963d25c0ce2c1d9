// `keygen --out FILE [--pull-out FILE]`: a new editor identity, its secret half stored only under
// a passphrase; with --pull-out, also the pull-only key for an online computer (pull-key.ts).

import { accessSync, constants, existsSync, mkdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { generateIdentity, publicKeyLineOf, wipeIdentity } from '../../crypto/identity.ts';
import { encryptIdentity } from '../../crypto/key-file.ts';
import { fingerprint } from '../../crypto/public-key.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { CliError } from '../errors.ts';
import { writeNewFile } from '../../node-lib/durable-file.ts';
import { write, type CommandContext } from '../io.ts';
import { checkNewPassphrase, readPassphrase } from '../passphrase.ts';
import { PULL_KEY_NOTE, writePullKey } from '../pull-key.ts';

/** Checks, before any passphrase is asked for, that FILE's folder exists or can be made, and can
 * be written; returns the folder to create (0700, like the vault) once the passphrase is set. */
function folderFor(file: string): string | null {
  const folder = path.dirname(path.resolve(file));
  let existing = folder;
  while (!existsSync(existing)) existing = path.dirname(existing);
  if (!statSync(existing).isDirectory()) throw new CliError(`cannot write ${file}: ${existing} is not a folder`);
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    throw new CliError(`cannot write ${file}: no permission to write in ${existing}`);
  }
  return existing === folder ? null : folder;
}

export async function runKeygen({ io, options, settings }: CommandContext): Promise<void> {
  const out = options.out as string;
  const pubFile = `${out}.pub`;
  const pullFile = options['pull-out'] as string | undefined;
  for (const file of [out, pubFile, ...(pullFile ? [pullFile] : [])]) if (existsSync(file)) throw new CliError(`${file} already exists; not overwriting it`);
  const newFolders = [out, ...(pullFile ? [pullFile] : [])].map(folderFor);
  const passphrase = await readPassphrase(io, { file: settings.passphraseFile, envName: 'SOTTO_PASSPHRASE', prompt: 'Choose a passphrase: ', confirm: true });
  checkNewPassphrase(passphrase);
  for (const folder of newFolders) if (folder) mkdirSync(folder, { recursive: true, mode: 0o700 });
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
