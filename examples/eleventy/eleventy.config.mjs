// A starter Eleventy site for stories exported by `sotto-review export --out stories`.
// The export folder holds only what sotto-review writes, so the stories' layout is set here
// rather than in a data file beside them.
export default function (eleventyConfig) {
  eleventyConfig.addGlobalData('layout', 'story.njk');
  eleventyConfig.addCollection('stories', (api) => api.getFilteredByGlob('./stories/*.md').sort((a, b) => b.date - a.date));
  eleventyConfig.addFilter('monthYear', (date) => date.toLocaleDateString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }));
  eleventyConfig.addFilter('isoMonth', (date) => date.toISOString().slice(0, 7));
}
