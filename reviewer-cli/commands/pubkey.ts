// `pubkey --key FILE`: the public line and fingerprint, read from the key file without unlocking it.

import { fingerprint } from '../../crypto/public-key.ts';
import { write, type CommandContext } from '../io.ts';
import { publicKeyOfKeyFile, readKeyFile } from '../key.ts';

export async function runPubkey({ io, settings }: CommandContext): Promise<void> {
  const file = settings.keyFile!;
  const key = publicKeyOfKeyFile(file, await readKeyFile(file));
  await write(io.stdout, `${key.line}\nFingerprint: ${fingerprint(key)}\n`);
}
