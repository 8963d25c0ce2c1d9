// Issue 7 §4 and §5: a bounded load run (concurrent submitters, two editors pulling and
// acknowledging, receipt status checks), counted exactly, then the privacy canary scan of
// everything the server wrote or printed, and no byte of an erased envelope left on disk.
import { describe, expect, it } from 'vitest';
import { runLoad } from './_load.ts';

describe('load run with the privacy canary', () => {
  it('counts add up, nothing is duplicated or lost, and nothing leaks', async () => {
    const result = await runLoad({ submissions: 600, submitLanes: 16, statusChecks: 600 });
    const f = result.figures;
    process.stdout.write(`load: ${f.requests} requests, ${result.acknowledged} acknowledged, pulled-missing ${result.notPulled.join('/')}, duplicates ${result.duplicates}, ${f.status5xx} 5xx, canary hits ${result.canaryHits.length}\n`);
    expect(result.submitted).toBe(600);
    expect(result.acknowledged).toBe(600);
    expect(f.status5xx).toBe(0);
    // acknowledged = present or pulled; pulled = acknowledged, for each editor
    expect(result.present).toBe(0);
    expect(result.notPulled).toEqual([0, 0]);
    expect(result.pulledUnacknowledged).toEqual([0, 0]);
    expect(result.duplicates).toBe(0);
    expect(result.statusChecks).toBe(600);
    expect(result.statusWrong).toBe(0);
    // leaks
    expect(result.canaryHits).toEqual([]);
    expect(result.erasedFound).toBe(0);
    expect(result.controlMissing).toBe(0);
  });
});
