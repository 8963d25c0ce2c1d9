// A reserve file beside the database: bytes held back while the disk has room and given up the
// moment an erasure (acknowledgement, withdrawal, retention) meets a full disk, so that what
// frees space can always run (SECURITY.md §5 "Full disk"). Zeros, fsynced so the blocks are
// really allocated: a sparse file would give nothing back.

import { closeSync, fsyncSync, openSync, rmSync, statSync, writeSync } from 'node:fs';

const CHUNK = new Uint8Array(1024 * 1024);

/** Makes `file` hold `bytes` bytes unless it already does. False if the disk has no room for it
 * (nothing partial is left behind). */
export function ensureReserve(file: string, bytes: number): boolean {
  if (reserveInPlace(file, bytes)) return true;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'w', 0o600);
    for (let written = 0; written < bytes; written += CHUNK.length) {
      writeSync(fd, CHUNK, 0, Math.min(CHUNK.length, bytes - written));
    }
    fsyncSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC' && (error as NodeJS.ErrnoException).code !== 'EDQUOT') throw error;
    rmSync(file, { force: true });
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function reserveInPlace(file: string, bytes: number): boolean {
  return bytes <= 0 || reserveSize(file) >= bytes;
}

/** Gives the reserve up. True if there was one to give. */
export function releaseReserve(file: string): boolean {
  if (reserveSize(file) === 0) return false;
  rmSync(file, { force: true });
  return true;
}

function reserveSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
