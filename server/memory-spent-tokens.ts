// SpentTokens for one server process (server/store.ts): an ExpiringSet in memory. A restart
// forgets it, so it takes a fresh random scope and remembers from its creation only; challenges
// and signed requests from before are refused as expired (the page and the CLI simply ask again).

import { randomBytes } from 'node:crypto';
import { b64uEncode } from '../crypto/bytes.ts';
import { ExpiringSet } from './expiring-set.ts';
import type { SpentTokens } from './store.ts';

export class MemorySpentTokens implements SpentTokens {
  readonly scope = b64uEncode(randomBytes(12));
  readonly rememberedSinceS: number;
  readonly #set: ExpiringSet;

  constructor(maxSize: number, nowS: number) {
    this.#set = new ExpiringSet(maxSize);
    this.rememberedSinceS = Math.floor(nowS);
  }

  async claim(token: string, expiresAtS: number, nowS: number): Promise<'claimed' | 'spent' | 'full'> {
    const added = this.#set.add(token, expiresAtS, nowS);
    return added === 'added' ? 'claimed' : added === 'present' ? 'spent' : 'full';
  }
}
