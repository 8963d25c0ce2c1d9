// The pinned editor set (SECURITY.md §6 "The pinned editor set"): the vault records the editors'
// public keys the editor accepted (`sotto-review editors --accept FILE`), sealed in the manifest
// like everything else. Every envelope names the key ids it is encrypted to; one addressed to a
// key outside that set means someone else can read the story (an operator who added a key to
// the page, say), so `pull`, `import` and `list` warn about it on every run until it is accepted.

import { hexEncode } from '../crypto/bytes.ts';
import { parseEnvelope } from '../crypto/envelope-format.ts';
import { fingerprint, keySetFingerprint, parseKeyList, type EditorPublicKey } from '../crypto/public-key.ts';
import { plural } from './format.ts';
import { write, type Io } from './io.ts';
import { safeLine } from './terminal.ts';
import type { Vault, VaultRow } from './vault.ts';

/** The accepted keys (empty before any set was accepted). */
export function acceptedEditors(vault: Vault): EditorPublicKey[] {
  const stored = vault.editors();
  return stored === '' ? [] : parseKeyList(stored);
}

/** Records `keys` as the accepted editor set (their canonical lines, sorted: the stored text
 * depends only on the set). */
export function acceptEditors(vault: Vault, keys: readonly EditorPublicKey[]): void {
  vault.setEditors(keys.map((k) => k.line).sort().join('\n'));
}

export interface RecipientCount {
  keyIdHex: string;
  stories: number;
}

/** Counts how many stories (dismissed ones aside) are encrypted to each key id, row by row, so
 * a command that reads every row anyway (list) needs no second pass. */
export class RecipientTally {
  private readonly counts = new Map<string, number>();

  add(row: VaultRow): void {
    if (row.dismissed) return;
    for (const r of parseEnvelope(row.envelope).recipients) {
      const id = hexEncode(r.keyId);
      this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    }
  }

  result(): RecipientCount[] {
    return [...this.counts].map(([keyIdHex, stories]) => ({ keyIdHex, stories })).sort((a, b) => a.keyIdHex.localeCompare(b.keyIdHex));
  }
}

export function recipientsInVault(vault: Vault): RecipientCount[] {
  const tally = new RecipientTally();
  for (const row of vault.rows()) tally.add(row);
  return tally.result();
}

/** The loud warning on stderr about key ids stories are encrypted to that are neither the
 * editor's own nor accepted, or nothing when there are none. */
export async function warnAboutRecipients(io: Io, vault: Vault, ownKeyIdHex: string, recipients = recipientsInVault(vault)): Promise<void> {
  const accepted = new Set([ownKeyIdHex, ...acceptedEditors(vault).map((k) => k.keyIdHex)]);
  const unexpected = recipients.filter((r) => !accepted.has(r.keyIdHex));
  if (unexpected.length === 0) return;
  const none = vault.editors() === '';
  const lines = [
    none
      ? 'WARNING: no editor set accepted yet. Stories in this vault are encrypted to these keys besides yours:'
      : 'WARNING: stories in this vault are encrypted to keys OUTSIDE your accepted editor set:',
    ...unexpected.map((r) => `  key id ${r.keyIdHex}: ${plural(r.stories, 'story')}`),
    'Whoever holds such a key can read those stories. Get the team\'s key list (one sotto-pk1: line per editor),',
    'compare every fingerprint with its editor by phone or in person, then run `sotto-review editors --accept FILE`.',
    ...(none ? [] : ['If nobody on your team added a key, tell the other editors at once: the server operator may have added one.']),
    'This warning is shown on every run until the set is accepted.',
  ];
  await write(io.stderr, `${lines.join('\n')}\n`);
}

/** Lines describing a key set for `editors`. */
export function describeKeySet(keys: readonly EditorPublicKey[]): string[] {
  return [
    ...keys.map((k) => `  ${fingerprint(k)}  key id ${k.keyIdHex}${k.label ? `  ${safeLine(k.label)}` : ''}`),
    `Key-set fingerprint (what the submit page shows): ${keySetFingerprint(keys)}`,
  ];
}
