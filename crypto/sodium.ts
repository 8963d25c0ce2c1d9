// The one place libsodium is loaded. libsodium-wrappers-sumo, because the standard build lacks
// crypto_pwhash (Argon2id). Node and the reviewer CLI only: its build needs WebAssembly, which
// Tor Browser's "Safer" level turns off, so the submit page never imports this.

import sodiumModule from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodiumModule;

/** Resolves once libsodium is initialised (about 25 ms the first time). */
export async function loadSodium(): Promise<Sodium> {
  await sodiumModule.ready;
  return sodiumModule;
}
