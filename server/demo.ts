// Demo mode (SECURITY.md §5): with no SOTTO_EDITORS, one editor identity is made on first start in
// DATA_DIR/demo/ — editor.key (passphrase "demo", the real key-file format and KDF) and
// editors.pub — and reused after. Anyone who can read the data dir can read demo submissions:
// the banner says so, and says how to configure real editors.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateIdentity, wipeIdentity } from '../crypto/identity.ts';
import { DEFAULT_KDF, encryptIdentity, publicLineOfKeyFile } from '../crypto/key-file.ts';
import { loadSodium } from '../crypto/sodium.ts';
import { replaceFile } from '../node-lib/durable-file.ts';

export const DEMO_PASSPHRASE = 'demo';

export interface DemoEditor {
  keyFile: string;
  keyListFile: string;
  created: boolean;
}

/** Creates the demo identity if missing; (re)writes editors.pub from the key file's public line,
 * so an interrupted first start heals itself. Throws KeyFileError for a damaged key file. */
export async function ensureDemoEditor(dataDir: string): Promise<DemoEditor> {
  const dir = path.join(dataDir, 'demo');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyFile = path.join(dir, 'editor.key');
  const keyListFile = path.join(dir, 'editors.pub');
  const created = !existsSync(keyFile);
  if (created) {
    const sodium = await loadSodium();
    const identity = generateIdentity();
    let keyText: string;
    try {
      keyText = encryptIdentity(sodium, identity, DEMO_PASSPHRASE, DEFAULT_KDF);
    } finally {
      wipeIdentity(identity);
    }
    replaceFile(keyFile, 0o600, (write) => write(keyText));
  }
  const line = `${publicLineOfKeyFile(readFileSync(keyFile, 'utf8'))}\n`;
  if (!existsSync(keyListFile) || readFileSync(keyListFile, 'utf8') !== line) replaceFile(keyListFile, 0o644, (write) => write(line));
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
