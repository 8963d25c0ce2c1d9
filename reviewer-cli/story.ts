// Opening a stored envelope into the testimony the person sent. In memory only.

import { utf8Encode, wipe } from '../crypto/bytes.ts';
import { openEnvelope } from '../crypto/envelope-sodium.ts';
import type { Identity } from '../crypto/identity.ts';
import type { Sodium } from '../crypto/sodium.ts';
import { decodeTestimony, type Testimony } from '../crypto/testimony.ts';
import { CliError } from './errors.ts';
import type { StoredEnvelope } from './vault.ts';
import { shortId } from './short-id.ts';

export interface OpenedStory {
  testimony: Testimony;
  /** A keyed hash of the payload: stable for every editor, and without the original payload (it
   * holds a random reply key) nobody can link it to a submission. Slugs come from it. */
  digest: Uint8Array;
}

const DIGEST_KEY = utf8Encode('sotto-story-digest-v1');

/** Throws CliError (one message for every cause) when the envelope cannot be opened. */
export function openStory(sodium: Sodium, identity: Identity, stored: StoredEnvelope): OpenedStory {
  let payload: Uint8Array | undefined;
  try {
    payload = openEnvelope(sodium, stored.envelope, { x25519PublicKey: identity.x25519.publicKey, x25519SecretKey: identity.x25519.secretKey });
    return { testimony: decodeTestimony(payload), digest: sodium.crypto_generichash(16, payload, DIGEST_KEY) };
  } catch {
    throw new CliError(`story ${shortId(stored.id)}: could not open envelope (it is damaged or was not sent to your key)`);
  } finally {
    wipe(payload);
  }
}
