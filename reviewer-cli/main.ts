// Entry point bundled to dist/sotto-review.mjs (scripts/build.mjs); reviewer-cli/bin/ imports it.
import { runCli } from './cli.ts';
import { processIo } from './io.ts';

// A closed pipe (`sotto-review list | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIo());
