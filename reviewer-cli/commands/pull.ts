// `pull`: pages through the server's inbox. Each page — envelopes and every chunk of their
// attachments — is stored in the vault (one transaction, synchronous=FULL) before it is
// acknowledged, so killing pull at any moment loses nothing, and an envelope pulled twice is
// stored once. Works with the full key or the pull-only key.

import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { INBOX_PAGE_MAX } from '../../crypto/contract.ts';
import { ATTACHMENT_SEALED_CHUNK_BYTES, sealedChunkCount, sealedChunkSize } from '../../crypto/attachment-format.ts';
import { parseEnvelope } from '../../crypto/envelope-format.ts';
import { warnAboutRecipients } from '../editor-set.ts';
import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import { createProgress } from '../progress.ts';
import { quarantineWarning } from '../quarantine.ts';
import { EditorClient } from '../server-client.ts';
import { withSigner } from '../session.ts';
import { VAULT_FILE } from '../vault.ts';


/** Removes a vault this pull created when the pull failed before storing anything (a server
 * that refused the key, say): no empty vault is left behind. */
function discardFreshVault(dir: string, madeDir: boolean): void {
  for (const name of [VAULT_FILE, `${VAULT_FILE}-journal`, `${VAULT_FILE}-wal`, `${VAULT_FILE}-shm`]) rmSync(path.join(dir, name), { force: true });
  if (madeDir && existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
}

export async function runPull(ctx: CommandContext): Promise<void> {
  const dir = ctx.settings.vault;
  const fresh = { vault: !existsSync(path.join(dir, VAULT_FILE)), dir: !existsSync(dir) };
  let storedAny = false;
  try {
    await pullInto(ctx, () => (storedAny = true));
  } catch (error) {
    if (fresh.vault && !storedAny) discardFreshVault(dir, fresh.dir);
    throw error;
  }
}

/** Every chunk of a story's attachments, as the server holds them (sealed; opened by `show`). */
async function pullAttachments(client: EditorClient, id: string, sizes: readonly number[]): Promise<Uint8Array[]> {
  const files: Uint8Array[] = [];
  for (const [file, size] of sizes.entries()) {
    const sealed = new Uint8Array(size);
    for (let chunk = 0; chunk < sealedChunkCount(size); chunk++) {
      sealed.set(await client.attachmentChunk(id, file, chunk, sealedChunkSize(size, chunk)), chunk * ATTACHMENT_SEALED_CHUNK_BYTES);
    }
    files.push(sealed);
  }
  return files;
}

/** Pictures held in memory at most between two vault transactions (one story's always fit). */
const PULL_PART_ATTACHMENT_BYTES = 64 * 1024 * 1024;

/** The page's items in order, cut into parts whose sealed pictures add up to at most `limit`
 * bytes (a story alone above it is a part of its own); always at least one part. */
export function partsByAttachmentBytes<T extends { attachments: readonly number[] }>(items: readonly T[], limit: number): T[][] {
  const parts: T[][] = [[]];
  let bytes = 0;
  for (const item of items) {
    const size = item.attachments.reduce((sum, n) => sum + n, 0);
    if (bytes + size > limit && parts.at(-1)!.length > 0) {
      parts.push([]);
      bytes = 0;
    }
    parts.at(-1)!.push(item);
    bytes += size;
  }
  return parts;
}

async function pullInto(ctx: CommandContext, onStored: () => void): Promise<void> {
  const pageSize = Number(ctx.options['page-size'] ?? INBOX_PAGE_MAX);
  await withSigner(ctx, { createVault: true }, async ({ signing, keyIdHex, vault }) => {
    const client = new EditorClient(ctx.settings.server!, signing.ed25519Seed, keyIdHex);
    const demo = await client.isDemo();
    const progress = createProgress(ctx.io, 'Pulling');
    let after: string | null = null;
    let received = 0;
    let added = 0;
    const quarantined: string[] = [];
    let withdrawn = 0;
    let erased = 0;
    try {
      for (;;) {
        const page = await client.inbox(pageSize, after);
        for (const item of page.items) {
          try {
            parseEnvelope(item.envelope);
          } catch {
            throw new CliError(`the server sent a malformed envelope (${item.id}); it was not acknowledged`);
          }
        }
        // Stored and acknowledged in parts of bounded picture bytes: a page of 250 stories with
        // pictures would otherwise be held whole (up to 11 MiB each) before its transaction.
        let withdrawnMarked = false;
        for (const part of partsByAttachmentBytes(page.items, PULL_PART_ATTACHMENT_BYTES)) {
          const attachments = new Map<string, Uint8Array[]>();
          for (const item of part) if (item.attachments.length > 0) attachments.set(item.id, await pullAttachments(client, item.id, item.attachments));
          const stored = vault.transaction(() => {
            for (const [id, files] of attachments) vault.addAttachments(id, files);
            return { ...vault.addEnvelopes(part), withdrawn: withdrawnMarked ? 0 : vault.markWithdrawn(page.withdrawn) };
          });
          withdrawnMarked = true;
          withdrawn += stored.withdrawn;
          if (part.length > 0 || stored.withdrawn > 0) onStored();
          if (part.length > 0) erased += (await client.ack(part.map((item) => item.id))).erased;
          added += stored.added;
          quarantined.push(...stored.quarantined);
        }
        received += page.items.length;
        progress.update(received, received + page.remaining);
        if (page.items.length === 0 || page.next === null) break;
        after = page.next;
      }
    } finally {
      progress.finish();
    }
    const lines = demo ? ['Note: this server runs in demo mode (NOT FOR REAL TESTIMONIES): anyone who can read its data directory can read what was sent to it.'] : [];
    lines.push(`Pulled ${plural(added, 'new story')}; the vault holds ${plural(vault.count(), 'story')}.`);
    if (erased > 0) lines.push(`The server erased ${plural(erased, 'envelope')} that every editor now has.`);
    if (withdrawn > 0) lines.push(`${plural(withdrawn, 'story')} in your vault ${withdrawn === 1 ? 'was' : 'were'} withdrawn by the author and will never be exported.`);
    await write(ctx.io.stdout, `${lines.join('\n')}\n`);
    if (quarantined.length > 0) await write(ctx.io.stderr, quarantineWarning('the server', quarantined));
    await warnAboutRecipients(ctx.io, vault, keyIdHex);
  });
}
