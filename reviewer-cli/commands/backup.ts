// `backup --out FILE` and `restore FILE`: an encrypted, consistent copy of the whole vault
// (backup-file.ts). The copy is taken in one read transaction, so a backup made while `pull` runs
// holds the vault as it was before or after each of pull's pages, never half of one. FILE is
// replaced atomically (written beside it, flushed, renamed): a backup killed half-way leaves the
// previous backup as it was.

import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { wipeIdentity } from '../../crypto/identity.ts';
import { keyIdHex } from '../../crypto/key-id.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { backupOwner, readBackup, writeBackup } from '../backup-file.ts';
import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { replaceFile, writeNewFile } from '../../node-lib/durable-file.ts';
import { write, type CommandContext } from '../io.ts';
import { unlockKey } from '../key.ts';
import { editorKeyring, openVault, wipeKeyring, withEditor } from '../session.ts';
import { VAULT_FILE, type Vault, type VaultRow } from '../vault.ts';

function describe(rows: Iterable<VaultRow>): string {
  let stories = 0;
  let decided = 0;
  let withdrawn = 0;
  for (const row of rows) {
    stories++;
    if (row.state) decided++;
    if (row.withdrawn) withdrawn++;
  }
  return `${plural(stories, 'story')}, ${decided} with review notes or decisions, ${withdrawn} withdrawn`;
}

export async function runBackup(ctx: CommandContext): Promise<void> {
  const out = ctx.options.out as string;
  const summary = await withEditor(ctx, { createVault: false }, async ({ sodium, keyIdHex: owner, vault }) => {
    const snapshot = vault.snapshot();
    replaceFile(out, 0o600, (w) => writeBackup(sodium, vault.backupKey, owner, snapshot, w));
    return describe(vault.rows());
  });
  await write(ctx.io.stdout, `Backed up the vault (${summary}) to ${out}, encrypted to your key. Keep it away from this computer.\n`);
}

export async function runRestore(ctx: CommandContext): Promise<void> {
  const file = ctx.args[0]!;
  const dir = ctx.settings.vault;
  const target = path.join(dir, VAULT_FILE);
  if (existsSync(target)) throw new CliError(`${dir} already holds a vault; restore into a new folder with --vault DIR`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  const owner = backupOwner(bytes);
  const sodium = await loadSodium();
  const identity = await unlockKey(ctx.io, sodium, ctx.settings.keyFile!, ctx.settings.passphraseFile);
  const keys = editorKeyring(sodium, identity);
  let summary: string;
  try {
    const id = keyIdHex(identity.x25519.publicKey);
    if (owner !== id) throw new CliError(`this backup belongs to another editor key (key id ${owner})`);
    const snapshot = readBackup(sodium, keys.full.backup!, bytes);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeNewFile(target, 0o600, (w) => w(snapshot));
    let vault: Vault | undefined;
    try {
      vault = openVault(dir, sodium, id, keys, undefined, false);
      summary = describe(vault.rows());
    } catch (error) {
      vault?.close();
      vault = undefined;
      unlinkSync(target);
      throw error;
    } finally {
      vault?.close();
    }
  } finally {
    wipeKeyring(keys);
    wipeIdentity(identity);
  }
  await write(ctx.io.stdout, `Restored the vault (${summary}) into ${dir}.\n`);
}
