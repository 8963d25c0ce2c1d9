// Issue 7 §1, in process: at least 10,000 generated and mutated requests (SOTTO_FUZZ_RUNS for
// more; the seed is fixed and printed, SOTTO_FUZZ_SEED replays another). Every answer is a
// documented success or a 4xx with a short JSON error, none hangs, the heap stays bounded, and
// afterwards a valid submission is accepted and the store holds exactly what was answered 201.
import { describe, expect, it } from 'vitest';
import { fuzzInProcess } from './_server-fuzz.ts';
import { fuzzRuns, stressSeed } from './_support.ts';

describe('server fuzzing, in process', () => {
  it('answers every hostile request with a 4xx or a documented success, and loses nothing', async () => {
    const seed = stressSeed();
    const runs = fuzzRuns();
    process.stdout.write(`server fuzz: seed ${seed} (SOTTO_FUZZ_SEED), ${runs} requests (SOTTO_FUZZ_RUNS)\n`);
    const result = await fuzzInProcess({ seed, runs });
    const statuses = [...result.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
    process.stdout.write(`server fuzz: ${result.tried} tried; ${statuses}; ${result.acknowledged} acknowledged, ${result.messagesStored} messages; heap +${Math.round(result.heapGrowthBytes / 1e6)} MB\n`);
    expect(result.violations.slice(0, 5), `seed ${seed}`).toEqual([]);
    expect(result.tried).toBeGreaterThanOrEqual(Math.min(runs, 10_000) * 0.95);
    expect(result.hangs).toBe(0);
    expect([...result.byStatus.keys()].filter((s) => s >= 500)).toEqual([]);
    // Every family of cases ran, and some reached the deepest checks.
    expect(result.byLabel.size).toBeGreaterThanOrEqual(15);
    expect(result.byStatus.get(201) ?? 0).toBeGreaterThan(20);
    expect(result.messagesStored).toBeGreaterThan(5); // replies and answers reached the store too
    expect(result.afterwards).toBe(201);
    expect(result.lost).toBe(0);
    expect(result.unexpectedRows).toBe(0);
    expect(result.heapGrowthBytes).toBeLessThan(128 * 1024 * 1024);
  });
});
