// `export-inbox --out FILE`: every envelope of the vault in a signed transfer file (transfer.ts)
// for an offline computer. Ciphertext only; signed with the full key or the pull-only key.
// Quarantined stories stay behind: which of their two copies is genuine is not known.

import { plural } from '../format.ts';
import { writeNewFile } from '../../node-lib/durable-file.ts';
import { write, type CommandContext } from '../io.ts';
import { withSigner } from '../session.ts';
import { transferWriter } from '../transfer.ts';
import type { StoredEnvelope } from '../vault.ts';

export async function runExportInbox(ctx: CommandContext): Promise<void> {
  const out = ctx.options.out as string;
  const { count, skipped } = await withSigner(ctx, { createVault: false }, async ({ signing, vault }) => {
    const envelopes: StoredEnvelope[] = [];
    const withdrawn: string[] = [];
    let skipped = 0;
    for (const row of vault.rows()) {
      if (row.conflict) {
        skipped++;
        continue;
      }
      envelopes.push(row);
      if (row.withdrawn) withdrawn.push(row.id);
    }
    writeNewFile(out, 0o600, transferWriter(signing, envelopes, withdrawn));
    return { count: envelopes.length, skipped };
  });
  const lines = [`Wrote ${plural(count, 'envelope')} to ${out}, signed with your key. Carry it to the offline computer and run \`sotto-review import ${out}\` there.`];
  if (skipped > 0) lines.push(`${plural(skipped, 'quarantined story')} left out (two different copies arrived under the same id).`);
  await write(ctx.io.stdout, `${lines.join('\n')}\n`);
}
