// The stress report (SECURITY.md §10): runs the stress scenarios of test/stress/ once each —
// the in-process fuzz, the fuzz against the real process, kill -9 cycles, the load run — and
// prints one summary table: requests tried, 4xx, 5xx (must be 0), crashes (0), acknowledged
// stories lost (0), privacy canary hits (0), kill cycles survived. The assertions live in the
// tests (`npm run test:stress`); this prints the figures. SOTTO_FUZZ_SEED, SOTTO_FUZZ_RUNS and
// SOTTO_KILL_CYCLES apply as in the tests.
// Run alone: node --import tsx bench/stress.ts

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envelopeFor } from '../test/support/server.ts';
import { runKillCycles } from '../test/stress/_kill-cycles.ts';
import { runLoad } from '../test/stress/_load.ts';
import { fuzzInProcess, fuzzProcess } from '../test/stress/_server-fuzz.ts';
import {
  addFigures, emptyFigures, envelopeKey, fuzzRuns, killCycles, makeCanaries, postSubmission, prepareSubmission, pullAll, scanForLeaks,
  startStressServer, stressSeed, trackingHeaders, type Figures,
} from '../test/stress/_support.ts';

function statusFigures(byStatus: ReadonlyMap<number, number>): Partial<Figures> {
  const figures = emptyFigures();
  for (const [status, count] of byStatus) {
    figures.requests += count;
    if (status >= 400 && status < 500) figures.status4xx += count;
    else if (status === 507) figures.status507 += count;
    else if (status >= 500) figures.status5xx += count;
  }
  return figures;
}

async function processFuzzScenario(seed: number): Promise<Figures> {
  const figures = emptyFigures();
  const canaries = makeCanaries('BENCH');
  const stress = await startStressServer();
  try {
    const result = await fuzzProcess({
      url: stress.server.url, editors: stress.editors, seed, count: 600, rawRounds: 3,
      tracking: trackingHeaders(canaries), query: `utm=${canaries.query}`,
    });
    addFigures(figures, statusFigures(result.byStatus));
    figures.requests = result.tried; // raw cases may get several answers, or none
    if (stress.server.child.exitCode !== null || stress.server.child.signalCode !== null) figures.crashes++;
    const last = await prepareSubmission(stress.server.url, envelopeFor(stress.editors, 'after the fuzz'));
    const lastStatus = await postSubmission(stress.server.url, last.body);
    const acknowledged = lastStatus === 201 ? [...result.acknowledged, envelopeKey(last.envelope)] : result.acknowledged;
    const stored = new Set((await pullAll(stress.server.url, stress.editors[0]!)).map((item) => envelopeKey(item.envelope)));
    figures.acknowledgedLost += acknowledged.filter((key) => !stored.has(key)).length;
    if ((await stress.stop()) !== 0) figures.crashes++;
    figures.canaryHits += scanForLeaks({ dirs: [stress.dataDir], printed: stress.printed(), canaries }).canaryHits.length;
    if (/internal error/.test(stress.printed())) figures.crashes++;
    return figures;
  } finally {
    await stress.remove();
  }
}

function table(rows: readonly [string, Figures][]): string {
  const header = ['scenario', 'requests tried', '4xx', '5xx', 'crashes', 'acknowledged lost', 'canary hits', 'kill cycles survived'];
  const body = rows.map(([name, f]) => [name, f.requests, f.status4xx, f.status5xx, f.crashes, f.acknowledgedLost, f.canaryHits, f.killCycles].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

export async function runStressBench(): Promise<void> {
  const seed = stressSeed();
  const started = Date.now();
  console.log(`stress: seed ${seed} (SOTTO_FUZZ_SEED), ${fuzzRuns()} in-process requests (SOTTO_FUZZ_RUNS), ${killCycles()} kill cycles (SOTTO_KILL_CYCLES)`);
  const rows: [string, Figures][] = [];

  const inProcess = await fuzzInProcess({ seed, runs: fuzzRuns() });
  const fuzzFigures = emptyFigures();
  addFigures(fuzzFigures, statusFigures(inProcess.byStatus));
  fuzzFigures.requests = inProcess.tried;
  fuzzFigures.crashes = inProcess.hangs; // an in-process request that never answers is the crash here
  fuzzFigures.acknowledgedLost = inProcess.lost;
  rows.push(['fuzz, in process', fuzzFigures]);
  console.log(`  fuzz, in process: done (${inProcess.violations.length} contract violations, ${inProcess.unexpectedRows} unexpected rows)`);

  rows.push(['fuzz, real process + raw HTTP', await processFuzzScenario(seed)]);
  console.log('  fuzz, real process: done');

  const kills = await runKillCycles({ cycles: killCycles(), seed });
  if (/internal error/.test(kills.printed)) kills.figures.crashes++;
  rows.push(['kill -9 under load', kills.figures]);
  console.log(`  kill -9: done (${kills.acknowledged} acknowledged, ${kills.integrityFailures.length} integrity failures)`);

  const load = await runLoad({ submissions: 600, submitLanes: 16, statusChecks: 600 });
  rows.push(['load run + canary scan', load.figures]);
  console.log(`  load: done (${load.acknowledged} acknowledged, ${load.duplicates} duplicates, ${load.erasedFound} erased envelopes found on disk)`);

  const total = emptyFigures();
  for (const [, figures] of rows) addFigures(total, figures);
  rows.push(['total', total]);
  console.log('');
  console.log(table(rows));
  console.log(`\n(${Math.round((Date.now() - started) / 1000)} s; disk-full, slow-client and CLI cases run in \`npm run test:stress\`.)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runStressBench();
