// Preloaded into a CLI process by bench/cli.ts: on exit, writes the process's peak resident
// memory (KiB, as getrusage reports it) to the file named by $SOTTO_BENCH_PEAK_RSS.
import { writeFileSync } from 'node:fs';

process.on('exit', () => writeFileSync(process.env.SOTTO_BENCH_PEAK_RSS, String(process.resourceUsage().maxRSS)));
