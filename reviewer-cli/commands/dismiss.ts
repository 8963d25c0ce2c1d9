// `dismiss ID`: sets aside a story that cannot be used: an envelope that does not open (junk, or
// not sent to your key) or a quarantined story with two copies. The flag is part of the story's
// authenticated record, so nobody without your key can dismiss a story, or bring one back; a
// dismissed story is no longer reported as unreadable and is never opened or exported.

import { write, type CommandContext } from '../io.ts';
import { withEditor } from '../session.ts';

export async function runDismiss(ctx: CommandContext): Promise<void> {
  const id = await withEditor(ctx, { createVault: false }, async ({ vault }) => {
    const id = vault.resolveId(ctx.args[0]!);
    vault.dismiss(id);
    return id;
  });
  await write(ctx.io.stdout, `Story ${id} dismissed: it is no longer listed as unreadable and will never be exported.\n`);
}
