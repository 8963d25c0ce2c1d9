// `import FILE`: adds a transfer file's envelopes to the vault in one transaction. No passphrase
// needed, nothing decrypted; importing the same file twice adds nothing. With a key file (--key or
// $SOTTO_KEY), envelopes not addressed to it are pointed out: the editor has the wrong file.

import { hexEncode } from '../../crypto/bytes.ts';
import { parseEnvelope } from '../../crypto/envelope-format.ts';
import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import { publicKeyOfKeyFile, readKeyFile } from '../key.ts';
import { readTransferFile } from '../transfer.ts';
import { Vault, type StoredEnvelope } from '../vault.ts';

/** How many envelopes list no recipient with this key id (read from the envelope header). */
function notAddressedTo(keyIdHex: string, envelopes: readonly StoredEnvelope[]): number {
  return envelopes.filter((item) => !parseEnvelope(item.envelope).recipients.some((r) => hexEncode(r.keyId) === keyIdHex)).length;
}

export async function runImport({ io, args, settings }: CommandContext): Promise<void> {
  const key = settings.keyFile ? publicKeyOfKeyFile(settings.keyFile, await readKeyFile(settings.keyFile)) : null;
  const contents = await readTransferFile(args[0]!);
  const vault = Vault.open(settings.vault, { create: true });
  let result;
  try {
    result = vault.transaction(() => ({ ...vault.addEnvelopes(contents.envelopes), withdrawn: vault.markWithdrawn(contents.withdrawn), total: vault.count() }));
  } finally {
    vault.close();
  }
  const lines = [`Imported ${plural(result.added, 'new story')}; the vault holds ${plural(result.total, 'story')}.`];
  if (result.withdrawn > 0) lines.push(`${plural(result.withdrawn, 'story')} ${result.withdrawn === 1 ? 'was' : 'were'} withdrawn by the author and will never be exported.`);
  const strangers = key ? notAddressedTo(key.keyIdHex, contents.envelopes) : 0;
  if (strangers > 0) {
    lines.push(`Warning: ${plural(strangers, 'envelope')} in ${args[0]} ${strangers === 1 ? 'is' : 'are'} not addressed to your key ${settings.keyFile} (key id ${key!.keyIdHex}): ${strangers === 1 ? 'it' : 'they'} cannot be read with it.`);
  }
  if (result.conflicts > 0) lines.push(`Warning: ${plural(result.conflicts, 'envelope')} differ from the copy already in the vault; the first copy was kept.`);
  await write(io.stdout, `${lines.join('\n')}\n`);
}
