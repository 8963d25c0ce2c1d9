// Reading and unlocking the editor's secret key file (crypto/key-file.ts holds the format).

import { readFile } from 'node:fs/promises';
import { KeyFileError } from '../crypto/errors.ts';
import { decryptIdentity, decryptSigningKey, isPullKeyFile, publicLineOfKeyFile, type SigningKey } from '../crypto/key-file.ts';
import type { Identity } from '../crypto/identity.ts';
import { parsePublicKeyLine, type EditorPublicKey } from '../crypto/public-key.ts';
import type { Sodium } from '../crypto/sodium.ts';
import { CliError } from './errors.ts';
import type { Io } from './io.ts';
import { readPassphrase } from './passphrase.ts';

export async function readKeyFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `no key file at ${file} (make one with \`sotto-review keygen --out ${file}\`)` : `cannot read the key file ${file}`);
  }
}

/** The public half stored in clear in the key file: no passphrase needed. */
export function publicKeyOfKeyFile(file: string, text: string): EditorPublicKey {
  try {
    return parsePublicKeyLine(publicLineOfKeyFile(text));
  } catch (error) {
    if (error instanceof KeyFileError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}

/** Asks for the passphrase and unlocks. The caller wipes the identity (wipeIdentity) when done. */
export async function unlockKey(io: Io, sodium: Sodium, file: string, passphraseFile: string | undefined): Promise<Identity> {
  return unlock(io, file, passphraseFile, (text, passphrase) => decryptIdentity(sodium, text, passphrase));
}

/** A full key file's identity, or a pull-only key file's signing half. The caller wipes it. */
export async function unlockAnyKey(io: Io, sodium: Sodium, file: string, passphraseFile: string | undefined): Promise<{ identity: Identity } | { signing: SigningKey }> {
  return unlock(io, file, passphraseFile, (text, passphrase) =>
    isPullKeyFile(text) ? { signing: decryptSigningKey(sodium, text, passphrase) } : { identity: decryptIdentity(sodium, text, passphrase) });
}

async function unlock<T>(io: Io, file: string, passphraseFile: string | undefined, decrypt: (text: string, passphrase: string) => T): Promise<T> {
  const text = await readKeyFile(file);
  publicKeyOfKeyFile(file, text); // a file that is not a key fails before we ask for a passphrase
  const passphrase = await readPassphrase(io, { file: passphraseFile, envName: 'SOTTO_PASSPHRASE', prompt: `Passphrase for ${file}: ` });
  try {
    return decrypt(text, passphrase);
  } catch (error) {
    if (error instanceof KeyFileError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}
