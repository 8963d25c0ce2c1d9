// Storage faults of the real server process (issue 11; SECURITY.md §5 "Full disk, crashes and
// start-up"): kill -9 while editors pull and acknowledge, submitters withdraw and upkeep runs; a
// full disk through upkeep, shutdown and restart; a second process on the same data dir. Each
// checks that nothing acknowledged is lost: every 201 is stored until erased, every acknowledgement
// and withdrawal answered 200 is honoured after the restart, and the database stays sound.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/random.ts';
import { envelopeFor, type TestEditor } from '../support/server.ts';
import { refusedStart } from '../server/server-process.ts';
import {
  acknowledge, integrityOf, envelopeKey, mountTmpfs, postSubmission, prepareSubmission, pullAll, receiptStatus, startStressServer, stressSeed, unmountTmpfs,
  type PreparedSubmission, type StressServer,
} from './_support.ts';

/** What the clients were told, which the server must honour. */
interface Ledger {
  stored: Map<string, PreparedSubmission>;
  /** Per editor: envelope keys whose acknowledgement was answered 200. */
  acked: Map<TestEditor, Set<string>>;
  withdrawn: Set<string>;
  /** Sent but maybe never answered (the kill came first): each may or may not have happened. */
  triedAck: Map<TestEditor, Set<string>>;
  triedWithdraw: Set<string>;
}

/** Short names for envelopes in failure messages (an envelope is kilobytes of base64). */
const short = (keys: Iterable<string>) => [...keys].map((key) => key.slice(8, 24));

async function submitMany(stress: StressServer, ledger: Ledger, count: number, label: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const item = await prepareSubmission(stress.server.url, envelopeFor(stress.editors, `${label} ${i} ${'s'.repeat(9_000)}`));
    if ((await postSubmission(stress.server.url, item.body)) === 201) ledger.stored.set(envelopeKey(item.envelope), item);
  }
}

/** After a restart: every envelope answered 201 that is neither withdrawn nor acknowledged by an
 * editor is still in that editor's inbox; nothing acknowledged or withdrawn comes back. */
async function expectLedgerHonoured(stress: StressServer, ledger: Ledger): Promise<void> {
  for (const editor of stress.editors) {
    const inbox = new Set((await pullAll(stress.server.url, editor)).map((item) => envelopeKey(item.envelope)));
    const acked = ledger.acked.get(editor)!;
    // Gone from this editor's inbox without its acknowledgement: only a withdrawal may do that
    // (one answered, or one the kill cut off after its commit: the receipt says which).
    const tried = ledger.triedAck.get(editor)!;
    const gone = [...ledger.stored.keys()].filter((key) => !inbox.has(key) && !acked.has(key) && !tried.has(key));
    const notWithdrawn: string[] = [];
    for (const key of gone) {
      const withdrawalSent = ledger.withdrawn.has(key) || ledger.triedWithdraw.has(key);
      if (!withdrawalSent || (await receiptStatus(stress.server.url, ledger.stored.get(key)!.receipt.token)) !== 'withdrawn') notWithdrawn.push(key);
    }
    expect(short(notWithdrawn)).toEqual([]);
    expect(short([...acked].filter((key) => inbox.has(key)))).toEqual([]);
    expect(short([...ledger.withdrawn].filter((key) => inbox.has(key)))).toEqual([]);
  }
  for (const key of ledger.withdrawn) expect(await receiptStatus(stress.server.url, ledger.stored.get(key)!.receipt.token)).toBe('withdrawn');
}

function newLedger(editors: readonly TestEditor[]): Ledger {
  const perEditor = () => new Map(editors.map((editor) => [editor, new Set<string>()]));
  return { stored: new Map(), acked: perEditor(), withdrawn: new Set(), triedAck: perEditor(), triedWithdraw: new Set() };
}

describe('storage faults', () => {
  it('kill -9 during pulls, acknowledgements, withdrawals, submissions and upkeep loses nothing acknowledged', async () => {
    const r = seededRandom(stressSeed() ^ 0x5eed);
    const stress = await startStressServer({ editorCount: 2 });
    const ledger = newLedger(stress.editors);
    try {
      await submitMany(stress, ledger, 120, 'before');
      for (let cycle = 0; cycle < 6; cycle++) {
        let live = true;
        const url = stress.server.url;
        const pullAndAck = async (editor: TestEditor) => {
          while (live) {
            try {
              const items = (await pullAll(url, editor)).slice(0, 10 + Math.floor(r() * 30));
              if (items.length === 0) return;
              for (const item of items) ledger.triedAck.get(editor)!.add(envelopeKey(item.envelope));
              const answer = await acknowledge(url, editor, items.map((item) => item.id));
              if (answer.status === 200) for (const item of items) ledger.acked.get(editor)!.add(envelopeKey(item.envelope));
            } catch {
              return; // the server died under the request: it was never answered
            }
          }
        };
        const withdraw = async () => {
          const candidates = [...ledger.stored.entries()].filter(([key]) => !ledger.withdrawn.has(key));
          while (live) {
            const [key, item] = candidates[Math.floor(r() * candidates.length)]!;
            ledger.triedWithdraw.add(key);
            try {
              if ((await receiptStatus(url, item.receipt.token, 'withdraw')) === 'withdrawn') ledger.withdrawn.add(key);
            } catch {
              return;
            }
          }
        };
        const submit = async () => {
          while (live) {
            try {
              await submitMany(stress, ledger, 1, `cycle ${cycle}`);
            } catch {
              return;
            }
          }
        };
        const work = Promise.all([pullAndAck(stress.editors[0]!), pullAndAck(stress.editors[1]!), withdraw(), submit()]);
        await new Promise((resolve) => setTimeout(resolve, 300 + r() * 1_200));
        live = false;
        await stress.kill9();
        await work;
        await stress.restart();
        await expectLedgerHonoured(stress, ledger);
      }
      expect(await stress.stop()).toBe(0);
      expect(integrityOf(stress.dataDir)).toBe('ok');
      expect(stress.printed()).not.toMatch(/internal error/);
    } finally {
      await stress.remove();
    }
  });

  it('a second process on the same data dir is refused, before and after a kill -9 of the first', async () => {
    const stress = await startStressServer({ editorCount: 1 });
    const ledger = newLedger(stress.editors);
    try {
      await submitMany(stress, ledger, 20, 'two');
      const second = await refusedStart(stress.env);
      expect(second.code).toBe(1);
      expect(second.output).toMatch(/in use by another Sotto server/);
      const items = await pullAll(stress.server.url, stress.editors[0]!);
      expect((await acknowledge(stress.server.url, stress.editors[0]!, items.slice(0, 5).map((item) => item.id))).status).toBe(200);
      for (const item of items.slice(0, 5)) ledger.acked.get(stress.editors[0]!)!.add(envelopeKey(item.envelope));
      await stress.kill9();
      await stress.restart(); // the lock died with the process
      await expectLedgerHonoured(stress, ledger);
      expect(await stress.stop()).toBe(0);
    } finally {
      await stress.remove();
    }
  });

  it('a full disk through upkeep, shutdown and restart: erasure keeps working, nothing is lost, space returns', async (context) => {
    const mountPoint = mountTmpfs(12, 'full disk');
    if (!mountPoint) {
      context.skip();
      return;
    }
    const dataDir = path.join(mountPoint, 'data');
    let stress: StressServer | undefined;
    try {
      stress = await startStressServer({ editorCount: 1, dataDir, env: { SOTTO_DISK_RESERVE_MB: '2' } });
      const editor = stress.editors[0]!;
      const ledger = newLedger(stress.editors);
      // Fill until the disk (not the quota) refuses: 64 KiB envelopes.
      let refused = 0;
      for (let i = 0; i < 400 && refused < 3; i++) {
        const item = await prepareSubmission(stress.server.url, envelopeFor(stress.editors, `${i} ${'f'.repeat(40_000)}`));
        const status = await postSubmission(stress.server.url, item.body);
        expect([201, 507]).toContain(status);
        if (status === 201) ledger.stored.set(envelopeKey(item.envelope), item);
        else refused++;
      }
      expect(refused).toBe(3);

      // Shutdown and restart on the full disk: the reserve is still there, so it starts.
      expect([0, 1]).toContain(await stress.stop());
      await stress.restart();
      await expectLedgerHonoured(stress, ledger);

      // Erasure on the full disk: the reserve is given up, so acknowledgements and withdrawals work.
      const pulled = await pullAll(stress.server.url, editor);
      const [withdrawnItem] = [...ledger.stored.entries()].at(-1)!;
      expect(await receiptStatus(stress.server.url, ledger.stored.get(withdrawnItem)!.receipt.token, 'withdraw')).toBe('withdrawn');
      ledger.withdrawn.add(withdrawnItem);
      const toAck = pulled.filter((item) => envelopeKey(item.envelope) !== withdrawnItem).slice(0, Math.floor(pulled.length / 2));
      for (let i = 0; i < toAck.length; i += 20) {
        const batch = toAck.slice(i, i + 20);
        expect((await acknowledge(stress.server.url, editor, batch.map((item) => item.id))).status).toBe(200);
        for (const item of batch) ledger.acked.get(editor)!.add(envelopeKey(item.envelope));
      }

      // Upkeep returns the freed pages: submissions are accepted again without a restart.
      let accepted = false;
      for (let attempt = 0; attempt < 40 && !accepted; attempt++) {
        const item = await prepareSubmission(stress.server.url, envelopeFor(stress.editors, `after ${attempt} ${'a'.repeat(40_000)}`));
        accepted = (await postSubmission(stress.server.url, item.body)) === 201;
        if (accepted) ledger.stored.set(envelopeKey(item.envelope), item);
        else await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(accepted).toBe(true);
      expect(stress.server.child.exitCode).toBeNull();
      expect(await stress.stop()).toBe(0);
      expect(integrityOf(dataDir)).toBe('ok');

      // A start where the reserve cannot be made is refused in one line, and starts once there is room.
      rmSync(path.join(dataDir, 'sotto.db.reserve'), { force: true });
      const filler = path.join(mountPoint, 'filler');
      try {
        writeFileSync(filler, Buffer.alloc(12 * 1024 * 1024));
      } catch {
        // ENOSPC: the filler takes what it could
      }
      const refusal = await refusedStart(stress.env);
      expect(refusal.code).toBe(1);
      expect(refusal.output.trim().split('\n')).toHaveLength(1);
      expect(refusal.output).toMatch(/not enough free space beside .*sotto\.db: Sotto keeps 2 MiB in reserve/);
      rmSync(filler);
      await stress.restart();
      await expectLedgerHonoured(stress, ledger);
      expect(await stress.stop()).toBe(0);
      expect(stress.printed()).not.toMatch(/internal error/);
    } finally {
      await stress?.remove();
      unmountTmpfs(mountPoint);
    }
  });
});
