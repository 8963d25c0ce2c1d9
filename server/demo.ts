// Demo mode (SECURITY.md §5): with no SOTTO_EDITORS, one editor identity is made on first start in
// DATA_DIR/demo/ — editor.key (passphrase "demo", the real key-file format) and
// editors.pub — and reused after. Anyone who can read the data dir can read demo submissions:
// the banner says so, and says how to configure real editors.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateIdentity, wipeIdentity } from '../crypto/identity.ts';
import { FAST_TEST_KDF, publicLineOfKeyFile } from '../crypto/key-file-format.ts';
// Noble, not libsodium: the server never loads the library or the module that unlock keys.
import { encryptIdentityNoble } from '../crypto/key-file-noble.ts';
import { replaceFile } from '../node-lib/durable-file.ts';

export const DEMO_PASSPHRASE = 'demo';
/** A slow KDF guards a passphrase nobody else knows; this one is printed in the banner, so the
 * demo key takes the cheapest parameters the format allows (pure-JavaScript Argon2id at the
 * default 256 MiB would hold the first start for seconds, and far longer on a busy machine). */
const DEMO_KDF = FAST_TEST_KDF;

export interface DemoEditor {
  keyFile: string;
  keyListFile: string;
  created: boolean;
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
      keyText = encryptIdentityNoble(identity, DEMO_PASSPHRASE, DEMO_KDF);
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
