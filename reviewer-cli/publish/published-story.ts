// What one approved story becomes on the site: fields chosen so that nothing links it back to the
// submission — no id, no day (only the month), no contact, no receipt data.

import { hexEncode } from '../../crypto/bytes.ts';
import type { Testimony } from '../../crypto/testimony.ts';
import { stripInvisible } from '../places.ts';
import type { ReviewState } from '../review-state.ts';
import { frontMatter, plainDisplayText } from './front-matter.ts';
import { markdownBody } from './markdown.ts';

export interface PublishedStory {
  slug: string;
  title: string;
  language: string;
  /** YYYY-MM */
  month: string;
  region?: string;
  tags: string[];
  excerpt: string;
  /** The anonymised story as plain text (stories.json); the .md file holds it escaped. */
  body: string;
}

const EXCERPT_CHARS = 200;
const TITLE_CHARS = 60;

function firstWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** Lone surrogates (possible in JSON from a hostile client) cannot be written as UTF-8; both
 * output files get U+FFFD in their place, so they agree. Characters that render as nothing (soft
 * hyphens, zero-width and bidi marks: places/README.md) are removed: published text shows all it holds. */
function wellFormed(text: string): string {
  return stripInvisible(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

/** `digest` is the story's keyed payload hash (story.ts): the slug is the same on every export
 * and for every editor, and reveals nothing about the submission. */
export function toPublishedStory(day: string, testimony: Testimony, digest: Uint8Array, state: ReviewState): PublishedStory {
  const done = state.anonymised!;
  const body = wellFormed(done.story).replace(/\r\n?/g, '\n').trim();
  return {
    slug: `story-${hexEncode(digest.subarray(0, 8))}`,
    title: plainDisplayText(wellFormed(done.title?.trim() ?? '') || firstWords(body, TITLE_CHARS)),
    language: testimony.language,
    month: day.slice(0, 7),
    ...(testimony.region ? { region: testimony.region } : {}),
    tags: state.tags.map((tag) => plainDisplayText(wellFormed(tag))),
    excerpt: plainDisplayText(firstWords(body, EXCERPT_CHARS)),
    body,
  };
}

export function markdownFile(story: PublishedStory): string {
  const head = frontMatter([
    ['title', story.title],
    ['slug', story.slug],
    ['language', story.language],
    ['month', story.month],
    ['region', story.region],
    ['tags', story.tags],
    ['excerpt', story.excerpt],
  ]);
  return `${head}\n${markdownBody(story.body)}`;
}

/** JSON that is also safe to paste inside an HTML <script> element. */
export function storiesJson(stories: readonly PublishedStory[]): string {
  return `${JSON.stringify(stories, null, 2).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
