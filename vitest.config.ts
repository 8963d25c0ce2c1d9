import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{crypto,node-lib,server,submit-client,reviewer-cli,places,test}/**/*.test.ts'],
    // Browser and process tests start real servers and browsers: give them room, but keep
    // files in separate workers so one slow suite does not starve another.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
