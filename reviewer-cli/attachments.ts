// A story's attachments in the CLI (SECURITY.md §2 "Attachments"): what `list` and `show` say of
// them (type and size, from the story's envelope), and `show ID --attachments DIR`, which opens
// them with libsodium in memory, checks once more with media/ that no metadata remains, and only
// then writes them, into the folder the editor named and nowhere else (no temporary files).

import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { AttachmentType } from '../crypto/attachment-format.ts';
import { openAttachment } from '../crypto/attachment-sodium.ts';
import { b64uDecode, wipe } from '../crypto/bytes.ts';
import type { Testimony } from '../crypto/testimony.ts';
import { alreadyClean } from './clean-check.ts';
import { CliError } from './errors.ts';
import type { Editor } from './session.ts';
import { shortId } from './short-id.ts';

const EXTENSIONS: Record<AttachmentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const LABELS: Record<AttachmentType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };

export interface AttachmentSummary {
  type: AttachmentType;
  bytes: number;
}

export function attachmentSummaries(testimony: Testimony): AttachmentSummary[] {
  return (testimony.attachments ?? []).map(({ type, bytes }) => ({ type, bytes }));
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** "JPEG 1.2 MiB, PNG 300 KiB", or undefined for none. */
export function describeAttachments(list: readonly AttachmentSummary[]): string | undefined {
  if (list.length === 0) return undefined;
  return list.map((a) => `${LABELS[a.type]} ${size(a.bytes)}`).join(', ');
}

/**
 * Opens every attachment of story `id`, checks each (it opens with the key in the envelope, it is
 * of the type the envelope says, media/ finds nothing to remove), and only when all pass writes
 * them to `dir` (made if missing, mode 0700) as `<short id>-<n>.<ext>`, files mode 0600, never over
 * an existing file. Returns the paths written. Throws CliError, having written nothing.
 */
export function writeAttachments(editor: Editor, id: string, testimony: Testimony, dir: string): string[] {
  const declared = testimony.attachments ?? [];
  if (declared.length === 0) throw new CliError(`story ${shortId(id)} has no attachments; nothing was written`);
  const sealed = editor.vault.attachmentsOf(id);
  if (sealed.length !== declared.length) {
    throw new CliError(`story ${shortId(id)} has ${declared.length} attachments but the vault holds ${sealed.length}: pull again (with a server that keeps them); nothing was written`);
  }
  const images = declared.map((entry, n) => {
    const key = b64uDecode(entry.key);
    let image: Uint8Array;
    try {
      image = openAttachment(editor.sodium, key, sealed[n]!, entry.bytes);
    } catch {
      throw new CliError(`attachment ${n + 1} of story ${shortId(id)} could not be opened (damaged or altered); nothing was written`);
    } finally {
      wipe(key);
    }
    const check = alreadyClean(image);
    if (!check || check.mediaType !== entry.type) {
      throw new CliError(`attachment ${n + 1} of story ${shortId(id)} did not pass the metadata check (it still carries metadata, or is not the image it claims to be); nothing was written`);
    }
    return { image, file: path.join(dir, `${shortId(id)}-${n + 1}.${EXTENSIONS[entry.type]}`) };
  });
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`${dir} is not a folder; nothing was written`);
  const taken = images.find(({ file }) => existsSync(file));
  if (taken) throw new CliError(`${taken.file} already exists; nothing was written (choose another folder or move it)`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const { image, file } of images) {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, image);
    } finally {
      closeSync(fd);
    }
  }
  return images.map(({ file }) => file);
}
