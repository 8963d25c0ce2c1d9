// Issue 7 §3: kill -9 under concurrent load, at least 20 cycles (SOTTO_KILL_CYCLES for more).
// Every 201 survives byte for byte with its receipt, and PRAGMA integrity_check passes after
// every kill and after the last clean stop.
import { describe, expect, it } from 'vitest';
import { runKillCycles } from './_kill-cycles.ts';
import { killCycles, stressSeed } from './_support.ts';

describe('kill -9 under load, repeatedly', () => {
  it('keeps every acknowledged submission and a sound database', async () => {
    const cycles = killCycles();
    const result = await runKillCycles({ cycles, seed: stressSeed() });
    process.stdout.write(`kill cycles: ${result.figures.killCycles} survived, ${result.interrupted} interrupted mid-load, ${result.acknowledged} acknowledged, ${result.lostIds.length} lost, ${result.figures.status5xx} 5xx\n`);
    expect(result.figures.killCycles).toBe(cycles);
    expect(result.integrityFailures).toEqual([]);
    expect(result.lostIds).toEqual([]);
    expect(result.receiptsWrong).toBe(0);
    expect(result.figures.status5xx).toBe(0);
    // The kills really interrupted the load (otherwise nothing was tested).
    expect(result.interrupted).toBeGreaterThanOrEqual(cycles / 2);
    expect(result.acknowledged).toBeGreaterThanOrEqual(cycles * 4);
    expect(result.printed).not.toMatch(/internal error/);
    expect(result.canaryHits).toEqual([]);
  });
});
