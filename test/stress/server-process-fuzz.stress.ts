// Issue 7 §1 against the real process: generated requests through fetch plus raw-socket cases
// (lying Content-Length, broken chunking, garbage request lines, oversized headers, pipelining).
// No 5xx, no crash, resident memory bounded, nothing printed, a valid submission accepted after,
// and the store holds exactly the submissions answered 201.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzProcess } from './_server-fuzz.ts';
import { envelopeFor } from '../support/server.ts';
import {
  envelopeKey, makeCanaries, postSubmission, prepareSubmission, pullAll, rssOf, scanForLeaks, startStressServer, stressSeed, trackingHeaders, type StressServer,
} from './_support.ts';

let stress: StressServer;
beforeAll(async () => {
  stress = await startStressServer();
});
afterAll(async () => {
  await stress.stop();
  await stress.remove();
});

describe('server fuzzing, real process', () => {
  it('survives hostile requests and raw bytes with only 4xx and documented successes', async () => {
    const seed = stressSeed();
    const pid = stress.server.child.pid!;
    const rssBefore = rssOf(pid);
    const canaries = makeCanaries('FUZZ');
    const result = await fuzzProcess({ url: stress.server.url, editors: stress.editors, seed, count: 600, rawRounds: 3, tracking: trackingHeaders(canaries), query: `utm=${canaries.query}` });
    const rssAfter = rssOf(pid);
    const statuses = [...result.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
    process.stdout.write(`process fuzz: seed ${seed}; ${result.tried} tried; ${statuses}; parser refusals ${result.parserRefusals}; RSS ${Math.round((rssBefore ?? 0) / 1e6)} → ${Math.round((rssAfter ?? 0) / 1e6)} MB\n`);
    expect(result.violations.slice(0, 5), `seed ${seed}`).toEqual([]);
    expect([...result.byStatus.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(stress.server.child.exitCode).toBeNull();
    if (rssBefore !== undefined && rssAfter !== undefined) expect(rssAfter - rssBefore).toBeLessThan(256 * 1024 * 1024);

    const last = await prepareSubmission(stress.server.url, envelopeFor(stress.editors, 'after the process fuzz'));
    expect(await postSubmission(stress.server.url, last.body)).toBe(201);
    const expected = [...result.acknowledged, envelopeKey(last.envelope)].sort();
    const stored = (await pullAll(stress.server.url, stress.editors[0]!)).map((item) => envelopeKey(item.envelope)).sort();
    expect(stored).toEqual(expected);

    expect(await stress.stop()).toBe(0);
    expect(stress.printed().split('\n').filter((l) => l && !/^sotto: (\d+ editor|listening on|SIGTERM|stopped)/.test(l))).toEqual([]);
    // The privacy canary after the fuzz: nothing the server wrote or printed holds one.
    expect(scanForLeaks({ dirs: [stress.dataDir], printed: stress.printed(), canaries }).canaryHits).toEqual([]);
  });
});
