// `export-inbox --out FILE`: every envelope of the vault in a transfer file for an offline
// computer. Ciphertext only; no key needed.

import { plural } from '../format.ts';
import { writeNewFile } from '../../node-lib/durable-file.ts';
import { write, type CommandContext } from '../io.ts';
import { envelopeLine, headerLine, withdrawnLine } from '../transfer.ts';
import { Vault } from '../vault.ts';

export async function runExportInbox({ io, options, settings }: CommandContext): Promise<void> {
  const out = options.out as string;
  const vault = Vault.open(settings.vault, { create: false });
  let count = 0;
  try {
    writeNewFile(out, 0o600, (w) => {
      w(headerLine());
      for (const item of vault.envelopes()) {
        w(envelopeLine(item));
        count++;
      }
      for (const id of vault.withdrawnIds()) w(withdrawnLine(id));
    });
  } finally {
    vault.close();
  }
  await write(io.stdout, `Wrote ${plural(count, 'envelope')} to ${out}. Carry it to the offline computer and run \`sotto-review import ${out}\` there.\n`);
}
