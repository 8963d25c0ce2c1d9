// `import FILE`: adds a transfer file's envelopes to the vault in one transaction. No key
// needed, nothing decrypted; importing the same file twice adds nothing.

import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import { readTransferFile } from '../transfer.ts';
import { Vault } from '../vault.ts';

export async function runImport({ io, args, settings }: CommandContext): Promise<void> {
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
  if (result.conflicts > 0) lines.push(`Warning: ${plural(result.conflicts, 'envelope')} differ from the copy already in the vault; the first copy was kept.`);
  await write(io.stdout, `${lines.join('\n')}\n`);
}
