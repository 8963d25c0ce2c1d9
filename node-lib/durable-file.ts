// Crash-safe file writes, shared by the server and the CLI: data goes to a temporary file beside
// the target, is flushed, and only then takes the target's name, so a reader sees the old file or
// the new one, never half of one.

import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export type Writer = (write: (chunk: string | Uint8Array) => void) => void;

/** `writeNewFile` found its target already there; the message names it and is safe to show. */
export class FileExistsError extends Error {
  constructor(target: string) {
    super(`${target} already exists; not overwriting it`);
    this.name = 'FileExistsError';
  }
}

function writeAll(fd: number, chunk: string | Uint8Array): void {
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
}

/** Creates `file` exclusively (it must not exist), writes `data` and flushes it before closing. */
export function writeExclusive(file: string, data: string | Uint8Array, mode: number): void {
  const fd = openSync(file, 'wx', mode);
  try {
    writeAll(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeTemp(target: string, mode: number, writer: Writer): string {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    writer((chunk) => writeAll(fd, chunk));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  return temp;
}

/** Makes the rename itself durable. Some systems cannot fsync a directory; that is not fatal. */
export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

/** Creates `target`; throws FileExistsError if it exists. A hard link makes "create only if absent"
 * atomic; filesystems without links (FAT USB sticks) fall back to check-then-rename. */
export function writeNewFile(target: string, mode: number, writer: Writer): void {
  if (existsSync(target)) throw new FileExistsError(target);
  const temp = writeTemp(target, mode, writer);
  try {
    linkSync(temp, target);
    unlinkSync(temp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      unlinkSync(temp);
      throw new FileExistsError(target);
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') {
      unlinkSync(temp);
      throw error;
    }
    renameSync(temp, target);
  }
  fsyncDir(path.dirname(target));
}

/** Replaces `target` (or creates it) atomically. */
export function replaceFile(target: string, mode: number, writer: Writer): void {
  const temp = writeTemp(target, mode, writer);
  try {
    renameSync(temp, target);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
  fsyncDir(path.dirname(target));
}
