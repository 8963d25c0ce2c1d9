// The set-up shared by every command that decrypts or signs: open the vault, unlock the key,
// check the vault belongs to that key, and wipe the key however the command ends.

import { wipeIdentity, type Identity } from '../crypto/identity.ts';
import { keyIdHex } from '../crypto/key-id.ts';
import { loadSodium, type Sodium } from '../crypto/sodium.ts';
import type { CommandContext } from './io.ts';
import { unlockKey } from './key.ts';
import { Vault } from './vault.ts';

export interface Editor {
  sodium: Sodium;
  identity: Identity;
  keyIdHex: string;
  vault: Vault;
}

export async function withEditor<T>(ctx: CommandContext, options: { createVault: boolean }, work: (editor: Editor) => Promise<T>): Promise<T> {
  // The vault opens first so that a missing vault is reported before a passphrase is asked for.
  const vault = Vault.open(ctx.settings.vault, { create: options.createVault });
  let identity: Identity | undefined;
  try {
    const sodium = await loadSodium();
    identity = await unlockKey(ctx.io, sodium, ctx.settings.keyFile!, ctx.settings.passphraseFile);
    const id = keyIdHex(identity.x25519.publicKey);
    vault.bindOwner(id);
    return await work({ sodium, identity, keyIdHex: id, vault });
  } finally {
    if (identity) wipeIdentity(identity);
    vault.close();
  }
}
