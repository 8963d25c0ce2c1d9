// Issue 7 §3, a full disk. First the quota (SOTTO_MAX_STORE_MB=1): submissions beyond it get
// 507, nothing acknowledged is lost, the database stays sound, and once editors pull and
// acknowledge (which erases envelopes) submissions are accepted again. Then, as root, a real
// ENOSPC: the data directory on a 3 MB tmpfs, filled until SQLite reports SQLITE_FULL; a submission
// must answer 507, a withdrawal and an acknowledgement must succeed (the reserve), never 500; after
// the tmpfs grows (remount) the server accepts again without a restart.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { envelopeFor } from '../support/server.ts';
import {
  acknowledge, countStatus, emptyFigures, envelopeKey, integrityOf, mountTmpfs, postSubmission, prepareSubmission, pullAll, submitOnce, receiptStatus, scanForLeaks, startStressServer, unmountTmpfs,
  type PreparedSubmission, type StressServer,
} from './_support.ts';

/** A 40,000-character story pads to 64 KiB: 1 MiB holds about 15. */
const BIG = 'd'.repeat(40_000);

async function fillUntilFull(stress: StressServer, limit: number): Promise<{ accepted: PreparedSubmission[]; statuses: number[] }> {
  const accepted: PreparedSubmission[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < limit; i++) {
    const { status, item } = await submitOnce(stress.server.url, envelopeFor(stress.editors, `${i} ${BIG}`));
    statuses.push(status);
    if (status === 201) accepted.push(item!);
    if (statuses.filter((s) => s === 507).length >= 3) break;
  }
  return { accepted, statuses };
}

async function expectAllStored(stress: StressServer, accepted: readonly PreparedSubmission[]): Promise<void> {
  const stored = new Set((await pullAll(stress.server.url, stress.editors[0]!)).map((item) => envelopeKey(item.envelope)));
  expect(accepted.filter((item) => !stored.has(envelopeKey(item.envelope)))).toEqual([]);
}

describe('a full disk', () => {
  it('quota: 507 when full, nothing lost, accepting again once editors acknowledge', async () => {
    const stress = await startStressServer({ editorCount: 1, env: { SOTTO_MAX_STORE_MB: '1' } });
    const figures = emptyFigures();
    try {
      const { accepted, statuses } = await fillUntilFull(stress, 60);
      statuses.forEach((s) => countStatus(figures, s));
      expect(accepted.length).toBeGreaterThan(5);
      expect(statuses.slice(accepted.length)).toEqual([507, 507, 507]);
      expect(figures.status5xx).toBe(0);
      await expectAllStored(stress, accepted);

      // The editor pulls and acknowledges: envelopes are erased and space returns.
      const pulled = await pullAll(stress.server.url, stress.editors[0]!);
      for (let i = 0; i < pulled.length; i += 100) {
        expect((await acknowledge(stress.server.url, stress.editors[0]!, pulled.slice(i, i + 100).map((p) => p.id))).status).toBe(200);
      }
      const again = await prepareSubmission(stress.server.url, envelopeFor(stress.editors, `again ${BIG}`));
      expect(await postSubmission(stress.server.url, again.body)).toBe(201);
      for (const item of accepted.slice(0, 5)) expect(await receiptStatus(stress.server.url, item.receipt.token)).toBe('received');
      expect(await stress.stop()).toBe(0);
      expect(integrityOf(stress.dataDir)).toBe('ok');
      // Erasure under a full quota is real: no byte of an acknowledged envelope is left on disk,
      // while the one still waiting (the control) is found.
      const scan = scanForLeaks({ dirs: [stress.dataDir], printed: stress.printed(), canaries: {}, erased: accepted.map((a) => a.envelope), kept: [again.envelope] });
      expect(scan.erasedFound).toEqual([]);
      expect(scan.keptMissing).toEqual([]);
    } finally {
      await stress.remove();
    }
  });

  it('real ENOSPC on a small tmpfs: 507 for submissions, erasures still work, no corruption, recovery when space returns', async (context) => {
    const mountPoint = mountTmpfs(3, 'disk full (tmpfs)');
    if (!mountPoint) {
      context.skip();
      return;
    }
    let stress: StressServer | undefined;
    try {
      // A 1 MiB reserve (SOTTO_DISK_RESERVE_MB): the default 32 MiB would not fit on this disk.
      stress = await startStressServer({ editorCount: 1, dataDir: mountPoint, env: { SOTTO_DISK_RESERVE_MB: '1' } });
      const { accepted, statuses } = await fillUntilFull(stress, 200);
      process.stdout.write(`disk full (tmpfs): ${accepted.length} accepted before ENOSPC; statuses ${[...new Set(statuses)].join(',')}\n`);
      expect(statuses.filter((s) => s >= 500 && s !== 507)).toEqual([]);
      expect(statuses.filter((s) => s === 507).length).toBeGreaterThanOrEqual(3);
      expect(stress.server.child.exitCode).toBeNull();

      // Every write path while the disk is full: erasures succeed (they give up the reserve).
      const withdrawn = accepted.at(-1)!;
      const withdraw = await fetch(`${stress.server.url}/api/v1/receipts/status`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: Buffer.from(withdrawn.receipt.token).toString('base64url'), action: 'withdraw' }),
      });
      expect(withdraw.status).toBe(200);
      const pulled = await pullAll(stress.server.url, stress.editors[0]!);
      const ack = await acknowledge(stress.server.url, stress.editors[0]!, pulled.slice(0, 2).map((p) => p.id));
      expect(ack.status).toBe(200);
      expect(stress.server.child.exitCode).toBeNull();

      // Space returns: the server accepts again, without a restart.
      execFileSync('mount', ['-o', 'remount,size=64m', mountPoint], { stdio: 'pipe' });
      const again = await prepareSubmission(stress.server.url, envelopeFor(stress.editors, `again ${BIG}`));
      expect(await postSubmission(stress.server.url, again.body)).toBe(201);
      const kept = accepted.filter((item) => item !== withdrawn);
      const ackedIds = new Set(ack.status === 200 ? pulled.slice(0, 2).map((p) => envelopeKey(p.envelope)) : []);
      const stored = new Set((await pullAll(stress.server.url, stress.editors[0]!)).map((item) => envelopeKey(item.envelope)));
      expect(kept.filter((item) => !stored.has(envelopeKey(item.envelope)) && !ackedIds.has(envelopeKey(item.envelope)))).toEqual([]);
      expect(stored.has(envelopeKey(again.envelope))).toBe(true);
      expect(await stress.stop()).toBe(0);
      expect(integrityOf(mountPoint)).toBe('ok');
      expect(stress.printed()).not.toMatch(/internal error/);
    } finally {
      await stress?.remove();
      unmountTmpfs(mountPoint);
    }
  });
});
