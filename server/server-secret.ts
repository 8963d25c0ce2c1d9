// The server's one secret: the HMAC key for proof-of-work challenges. 32 random bytes in
// DATA_DIR/server.secret, mode 0600, created once (exclusively, so two starts cannot race).
// Losing it only invalidates outstanding challenges; it protects nothing about submitters.

import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeExclusive } from '../node-lib/durable-file.ts';

const SECRET_BYTES = 32;

export function serverSecretFile(dataDir: string): string {
  return path.join(dataDir, 'server.secret');
}

/** Reads the secret, creating it on first start. Throws with a one-line message if the file is
 * the wrong size or readable by others. */
export function loadOrCreateServerSecret(dataDir: string): Uint8Array {
  const file = serverSecretFile(dataDir);
  try {
    writeExclusive(file, randomBytes(SECRET_BYTES), 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) throw new Error(`${file} must be readable by its owner only (chmod 600)`);
  const secret = new Uint8Array(readFileSync(file));
  if (secret.length === 0) {
    // What a crash or a full disk right after its creation leaves behind.
    throw new Error(
      `${file} is empty. It only signs proof-of-work challenges, so nothing is lost: delete it and start again to make a new one`,
    );
  }
  if (secret.length !== SECRET_BYTES) throw new Error(`${file} is damaged (expected ${SECRET_BYTES} bytes)`);
  return secret;
}
