// The stress suite (SECURITY.md §10): fuzzing, kill -9 cycles, a full disk, slow clients, a load run and
// the privacy canary after each. Separate from `npm test` because it runs for minutes, not
// seconds: `npm run test:stress` (build first: it starts the real server and CLI).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/stress/**/*.stress.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One file at a time: kill cycles and the load run measure the machine, not each other.
    maxWorkers: 1,
    fileParallelism: false,
  },
});
