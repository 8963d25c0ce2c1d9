// Demo mode (SECURITY.md §5): with no SOTTO_EDITORS, one editor identity is made on first start in
// DATA_DIR/demo/ — editor.key (passphrase "demo", the real key-file format and KDF) and
// editors.pub — and reused after. Anyone who can read the data dir can read demo submissions:
// the banner says so, and says how to configure real editors.

import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { generateIdentity, wipeIdentity } from '../crypto/identity.ts';
import { DEFAULT_KDF, publicLineOfKeyFile } from '../crypto/key-file-format.ts';
// Noble, not libsodium: the server never loads the library or the module that unlock keys.
import { encryptIdentityNoble } from '../crypto/key-file-noble.ts';

export const DEMO_PASSPHRASE = 'demo';

export interface DemoEditor {
  keyFile: string;
  keyListFile: string;
  created: boolean;
}

/** Writes `text` so that a crash leaves either the old file or the whole new one. */
function writeFileAtomic(file: string, text: string, mode: number): void {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** Creates the demo identity if missing; (re)writes editors.pub from the key file's public line,
 * so an interrupted first start heals itself. Throws KeyFileError for a damaged key file. */
export function ensureDemoEditor(dataDir: string): DemoEditor {
  const dir = path.join(dataDir, 'demo');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyFile = path.join(dir, 'editor.key');
  const keyListFile = path.join(dir, 'editors.pub');
  const created = !existsSync(keyFile);
  if (created) {
    const identity = generateIdentity();
    let keyText: string;
    try {
      keyText = encryptIdentityNoble(identity, DEMO_PASSPHRASE, DEFAULT_KDF);
    } finally {
      wipeIdentity(identity);
    }
    writeFileAtomic(keyFile, keyText, 0o600);
  }
  const line = `${publicLineOfKeyFile(readFileSync(keyFile, 'utf8'))}\n`;
  if (!existsSync(keyListFile) || readFileSync(keyListFile, 'utf8') !== line) writeFileAtomic(keyListFile, line, 0o644);
  return { keyFile, keyListFile, created };
}

/** The banner printed at start in demo mode, with the exact command that reads submissions. */
export function demoBanner(demo: DemoEditor, serverUrl: string): string {
  const shown = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  };
  const rule = '='.repeat(72);
  return [
    rule,
    'DEMO MODE: no SOTTO_EDITORS configured. NOT FOR REAL TESTIMONIES.',
    `${demo.created ? 'Created' : 'Using'} a demo editor key anyone with this data directory can unlock:`,
    `  key:        ${shown(demo.keyFile)}   (passphrase "${DEMO_PASSPHRASE}")`,
    `  key list:   ${shown(demo.keyListFile)}`,
    'Read submissions with:',
    `  SOTTO_PASSPHRASE=${DEMO_PASSPHRASE} npx sotto-review pull --server ${serverUrl} --key ${shown(demo.keyFile)}`,
    'For real use: each editor runs `npx sotto-review keygen`, and SOTTO_EDITORS points to',
    'a file with their public key lines.',
    rule,
  ].join('\n');
}
