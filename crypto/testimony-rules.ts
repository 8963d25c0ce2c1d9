// The testimony document's limits and closed lists (SECURITY.md §2), shared by the zod schema in
// testimony.ts (the contract the CLI applies) and the page's zod-free check in testimony-encode.ts,
// so the two cannot drift apart: changing one of these changes both.

import { b64uPattern } from './contract.ts';

/** Broad regions only: Russia's federal districts, or abroad. Never a city (SECURITY.md §5). */
export const REGIONS = [
  'central', 'northwestern', 'southern', 'north-caucasian', 'volga', 'ural', 'siberian', 'far-eastern', 'abroad',
] as const;

export const STORY_MAX_CHARS = 200_000;
export const TITLE_MAX_CHARS = 200;
export const CONTACT_MAX_CHARS = 500;
/** An X25519 public key (32 bytes) in base64url without padding. */
export const REPLY_KEY_PATTERN = b64uPattern(32);
