// The export's front matter, checked at build time: a field missing or of the wrong type
// fails the build instead of showing an empty page.
import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

const stories = defineCollection({
  // The entry id is the front matter's `slug` (story-<code>), stable across exports.
  loader: glob({ pattern: '*.md', base: './stories' }),
  schema: z.object({
    title: z.string(),
    slug: z.string(),
    language: z.string(),
    month: z.string(),
    date: z.coerce.date(),
    region: z.string().optional(),
    tags: z.array(z.string()),
    excerpt: z.string(),
  }),
});

export const collections = { stories };
