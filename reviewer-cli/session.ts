// The set-up shared by every command that decrypts or signs: unlock the key, derive the vault's
// keys from it (vault-keys.ts), open and check the vault, and wipe every key however the command
// ends. `withEditor` needs the full secret key; `withSigner` also takes a pull-only key.

import { wipe } from '../crypto/bytes.ts';
import { wipeIdentity, type Identity } from '../crypto/identity.ts';
import { signingKeyOf, type SigningKey } from '../crypto/key-file.ts';
import { keyIdHex } from '../crypto/key-id.ts';
import { loadSodium, type Sodium } from '../crypto/sodium.ts';
import { plural } from './format.ts';
import { write, type CommandContext } from './io.ts';
import { unlockAnyKey, unlockKey } from './key.ts';
import { openLegacyReviewState, sealReviewState } from './review-state.ts';
import { fullVaultKeys, relayVaultKeys, wipeVaultKeys, type VaultKeys } from './vault-keys.ts';
import { Vault } from './vault.ts';

export interface Editor {
  sodium: Sodium;
  identity: Identity;
  /** The identity's signing half (shares its seed). */
  signing: SigningKey;
  keyIdHex: string;
  vault: Vault;
}

export interface Signer {
  sodium: Sodium;
  signing: SigningKey;
  keyIdHex: string;
  vault: Vault;
}

export interface VaultKeyring {
  full?: VaultKeys;
  relay: VaultKeys;
}

/** Both kinds of vault keys of a full identity. Wipe them with wipeKeyring. */
export function editorKeyring(sodium: Sodium, identity: Identity): Required<VaultKeyring> {
  return { full: fullVaultKeys(sodium, identity), relay: relayVaultKeys(sodium, identity.ed25519.secretKey) };
}

export function wipeKeyring(keys: VaultKeyring): void {
  if (keys.full) wipeVaultKeys(keys.full);
  wipeVaultKeys(keys.relay);
}

/** Opens the vault in `dir` for the key `owner` (migrating a v1 vault when `identity` is given). */
export function openVault(dir: string, sodium: Sodium, owner: string, keys: VaultKeyring, identity: Identity | undefined, create: boolean): Vault {
  return Vault.open(dir, {
    create,
    sodium,
    owner,
    keys,
    resealLegacy: identity && keys.full
      ? (legacy) => {
        const state = openLegacyReviewState(sodium, identity, legacy.id, legacy.sealed);
        return state && sealReviewState(sodium, keys.full!.state!, { id: legacy.id, envelopeHash: legacy.envelopeHash, version: 1 }, state);
      }
      : undefined,
  });
}

async function reportMigration(ctx: CommandContext, vault: Vault): Promise<void> {
  const m = vault.migrated;
  if (!m) return;
  const lines = [`Upgraded the vault to the authenticated format: ${plural(m.carried, 'review state')} re-sealed under your key.`];
  if (m.dropped.length > 0) lines.push(`${plural(m.dropped.length, 'story')} had review notes that could not be opened and start again as new: ${m.dropped.join(', ')}`);
  await write(ctx.io.stderr, `${lines.join('\n')}\n`);
}

export async function withEditor<T>(ctx: CommandContext, options: { createVault: boolean }, work: (editor: Editor) => Promise<T>): Promise<T> {
  // A missing vault is reported before a passphrase is asked for.
  if (!options.createVault) Vault.requireExisting(ctx.settings.vault);
  const sodium = await loadSodium();
  const identity = await unlockKey(ctx.io, sodium, ctx.settings.keyFile!, ctx.settings.passphraseFile);
  const keys = editorKeyring(sodium, identity);
  let vault: Vault | undefined;
  try {
    const id = keyIdHex(identity.x25519.publicKey);
    vault = openVault(ctx.settings.vault, sodium, id, keys, identity, options.createVault);
    await reportMigration(ctx, vault);
    vault.requireFull(); // before any work
    return await work({ sodium, identity, signing: signingKeyOf(identity), keyIdHex: id, vault });
  } finally {
    vault?.close();
    wipeKeyring(keys);
    wipeIdentity(identity);
  }
}

interface Unlocked {
  sodium: Sodium;
  /** Present when the key file is the full secret key. */
  identity?: Identity;
  signing: SigningKey;
  keyIdHex: string;
}

/** Unlocks a full or a pull-only key for `work`, and wipes it however `work` ends. */
export async function withSigningKey<T>(ctx: CommandContext, work: (unlocked: Unlocked) => Promise<T>): Promise<T> {
  const sodium = await loadSodium();
  const unlocked = await unlockAnyKey(ctx.io, sodium, ctx.settings.keyFile!, ctx.settings.passphraseFile);
  const identity = 'identity' in unlocked ? unlocked.identity : undefined;
  const signing = 'signing' in unlocked ? unlocked.signing : signingKeyOf(identity!);
  try {
    return await work({ sodium, identity, signing, keyIdHex: keyIdHex(signing.publicKey.x25519) });
  } finally {
    if (identity) wipeIdentity(identity);
    else wipe(signing.ed25519Seed);
  }
}

/** For commands that only sign (pull, export-inbox, editors): a full or a pull-only key, and
 * the vault (a relay vault when the key is pull-only). */
export async function withSigner<T>(ctx: CommandContext, options: { createVault: boolean }, work: (signer: Signer) => Promise<T>): Promise<T> {
  if (!options.createVault) Vault.requireExisting(ctx.settings.vault);
  return withSigningKey(ctx, async ({ sodium, identity, signing, keyIdHex: id }) => {
    const keys: VaultKeyring = identity ? editorKeyring(sodium, identity) : { relay: relayVaultKeys(sodium, signing.ed25519Seed) };
    let vault: Vault | undefined;
    try {
      vault = openVault(ctx.settings.vault, sodium, id, keys, identity, options.createVault);
      await reportMigration(ctx, vault);
      return await work({ sodium, signing, keyIdHex: id, vault });
    } finally {
      vault?.close();
      wipeKeyring(keys);
    }
  });
}
