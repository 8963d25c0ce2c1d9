// Writes the export folder all at once: the files go into a new sibling folder, which then
// takes DIR's name. Whoever looks at DIR sees the previous export or the new one, never a mix.

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CliError } from '../errors.ts';
import { fsyncDir, writeExclusive } from '../../node-lib/durable-file.ts';

export interface ExportFile {
  name: string;
  content: string;
}

const OURS = /^(stories\.json|story-[0-9a-f]{16}\.md)$/;

function checkReplaceable(dir: string): boolean {
  if (!existsSync(dir)) return false;
  if (!statSync(dir).isDirectory()) throw new CliError(`${dir} exists and is not a folder`);
  const foreign = readdirSync(dir).filter((name) => !OURS.test(name));
  if (foreign.length > 0) throw new CliError(`${dir} holds files sotto-review did not write (${foreign.slice(0, 3).join(', ')}); export to a new or empty folder`);
  return true;
}

export function writeExportDir(dir: string, files: readonly ExportFile[]): void {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const replacing = checkReplaceable(target);
  const suffix = randomBytes(6).toString('hex');
  const fresh = path.join(parent, `.${path.basename(target)}.new-${suffix}`);
  const old = path.join(parent, `.${path.basename(target)}.old-${suffix}`);
  mkdirSync(fresh, { mode: 0o755 });
  try {
    for (const file of files) writeExclusive(path.join(fresh, file.name), file.content, 0o644);
    fsyncDir(fresh);
    if (replacing) renameSync(target, old);
    try {
      renameSync(fresh, target);
    } catch (error) {
      if (replacing) renameSync(old, target);
      throw error;
    }
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
  fsyncDir(parent);
  if (replacing) rmSync(old, { recursive: true, force: true });
}
