// `import FILE`: adds a signed transfer file's envelopes to the vault in one transaction, after
// its signature was checked: it must be yours, an accepted editor's (`editors --accept`), or the
// one named with --signer (the lost-laptop case: another editor's file into a fresh vault).
// Nothing decrypted; importing the same file twice adds nothing.

import { fingerprint } from '../../crypto/public-key.ts';
import { acceptedEditors, warnAboutRecipients } from '../editor-set.ts';
import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import { quarantineWarning } from '../quarantine.ts';
import { withEditor } from '../session.ts';
import { readTransferFile } from '../transfer.ts';

const normalise = (fp: string) => fp.replace(/\D/g, '');

export async function runImport(ctx: CommandContext): Promise<void> {
  const file = ctx.args[0]!;
  const contents = await readTransferFile(file);
  const signerFingerprint = fingerprint(contents.signer);
  const named = ctx.options.signer as string | undefined;
  await withEditor(ctx, { createVault: true }, async ({ keyIdHex, vault }) => {
    const trusted = contents.signer.keyIdHex === keyIdHex
      || acceptedEditors(vault).some((k) => k.keyIdHex === contents.signer.keyIdHex && fingerprint(k) === signerFingerprint)
      || (named !== undefined && normalise(named) === normalise(signerFingerprint));
    if (!trusted) {
      throw new CliError(`${file} is signed by a key that is neither yours nor in your accepted editor set (fingerprint ${signerFingerprint}). `
        + 'If you compared this fingerprint with the editor who made the file, run the import again with '
        + `--signer "${signerFingerprint}"; nothing was imported`);
    }
    const result = vault.transaction(() => ({ ...vault.addEnvelopes(contents.envelopes), withdrawn: vault.markWithdrawn(contents.withdrawn), total: vault.count() }));
    const lines = [`Imported ${plural(result.added, 'new story')}; the vault holds ${plural(result.total, 'story')}.`];
    if (result.withdrawn > 0) lines.push(`${plural(result.withdrawn, 'story')} ${result.withdrawn === 1 ? 'was' : 'were'} withdrawn by the author and will never be exported.`);
    await write(ctx.io.stdout, `${lines.join('\n')}\n`);
    if (result.quarantined.length > 0) await write(ctx.io.stderr, quarantineWarning('the transfer file', result.quarantined));
    await warnAboutRecipients(ctx.io, vault, keyIdHex);
  });
}
