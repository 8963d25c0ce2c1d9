// A starter Astro site for stories exported by `sotto-review export --out stories`
// (src/content.config.ts reads them as a content collection).
export default {
  site: 'https://stories.example.org',
  // Show the authors' words exactly as written: no curly quotes, no dashes made from "--".
  markdown: { smartypants: false },
};
