// The contract every storage engine keeps (server/store.ts), written once and run against each:
//   describeSubmissionStore('SQLite', async () => harness)   (server/store-sqlite.test.ts)
// A harness opens the engine on one storage (the same data at every open) and destroys it at the
// end. What only one engine can show (bytes left in its files, its pragmas) stays in its own tests.

import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealedAttachmentSize, sealedChunkCount, sealedChunkSize } from '../../crypto/attachment-format.ts';
import { chargeFor, MAX_TEAM_LOG_BYTES, uploadChargeFor, type InboxPage, type NewSubmission, type NewUpload, type SpentTokens, type SubmissionStore } from '../../server/store.ts';

export interface StoreHarness {
  /** Opens the store on this harness's storage for these configured editors (key id hex). */
  open(editorKeyIds: readonly string[]): Promise<SubmissionStore>;
  /** Removes the storage; every store opened on it is closed first. */
  destroy(): Promise<void>;
}

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const EDITORS = [A, B];

const submission = (day = '2026-11-20', size = 3000): NewSubmission => ({ envelope: randomBytes(size), verifier: randomBytes(32), day });
const everything = { limit: 100, maxBytes: 1e9, cursor: undefined };
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(b);

/** An upload of two files: three chunks and one. */
const upload = (day = '2026-11-20'): NewUpload => ({ id: randomBytes(32), day, files: [sealedAttachmentSize(140_000), sealedAttachmentSize(5000)] });
const NO_LIMIT = Number.MAX_SAFE_INTEGER;
/** An erased story keeps its row (id, day, verifier, status): its charge stays. */
const ROW_CHARGE_KEPT = chargeFor(0);

/** Sends every chunk of `made` but those listed in `skip` ("file.chunk"); returns them by key. */
async function sendChunks(store: SubmissionStore, made: NewUpload, skip: readonly string[] = []): Promise<Map<string, Uint8Array>> {
  const sent = new Map<string, Uint8Array>();
  for (const [file, size] of made.files.entries()) {
    for (let chunk = 0; chunk < sealedChunkCount(size); chunk++) {
      if (skip.includes(`${file}.${chunk}`)) continue;
      const bytes = randomBytes(sealedChunkSize(size, chunk));
      expect(await store.putChunk(made.id, file, chunk, bytes)).toBe(true);
      sent.set(`${file}.${chunk}`, bytes);
    }
  }
  return sent;
}

/** Walks the whole inbox of `editor` in pages of `limit`, as `sotto-review pull` does. */
async function walk(store: SubmissionStore, editor: string, limit: number): Promise<InboxPage[]> {
  const pages: InboxPage[] = [];
  let cursor;
  for (;;) {
    const page = await store.inbox(editor, { limit, maxBytes: 1e9, cursor });
    pages.push(page);
    const last = page.items.at(-1);
    if (!last || page.remaining === 0) return pages;
    cursor = { day: last.day, id: last.id };
  }
}

async function idOf(store: SubmissionStore, editor: string, item: NewSubmission): Promise<Uint8Array> {
  const found = (await store.inbox(editor, everything)).items.find((entry) => same(entry.envelope, item.envelope));
  if (!found) throw new Error('submission not in the inbox');
  return found.id;
}

export function describeSubmissionStore(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`SubmissionStore contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: SubmissionStore;
    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open(EDITORS);
    });
    afterEach(async () => {
      await store.close();
      await harness.destroy();
    });

    it('stores a batch and fails only the duplicate receipt of it', async () => {
      const first = submission();
      expect(await store.insertBatch([first])).toEqual(['stored']);
      const again = { ...submission(), verifier: first.verifier };
      expect(await store.insertBatch([submission(), again, submission()])).toEqual(['stored', 'duplicate-receipt', 'stored']);
      expect((await store.inbox(A, everything)).items).toHaveLength(3);
      expect(await store.statusOf(first.verifier)).toBe('received');
      expect(await store.statusOf(randomBytes(32))).toBeUndefined();
    });

    it('charges the quota per envelope and row, and gives it back on erasure', async () => {
      expect(await store.usedBytes()).toBe(0);
      const items = [submission('2026-11-20', 1000), submission('2026-11-20', 2000)];
      await store.insertBatch(items);
      expect(await store.usedBytes()).toBe(chargeFor(1000) + chargeFor(2000));
      await store.withdraw(items[1]!.verifier);
      expect(await store.usedBytes()).toBe(chargeFor(1000) + chargeFor(0));
    });

    it('pages the inbox in (day, id) order with a cursor, each envelope exactly once', async () => {
      const items = [...Array.from({ length: 7 }, () => submission('2026-11-21')), ...Array.from({ length: 6 }, () => submission('2026-11-20'))];
      await store.insertBatch(items);
      const pages = await walk(store, A, 4);
      const served = pages.flatMap((page) => page.items);
      expect(served).toHaveLength(13);
      const keys = served.map((item) => `${item.day}.${hex(item.id)}`);
      expect(keys).toEqual([...keys].sort());
      expect(new Set(keys).size).toBe(13);
      expect(pages.map((page) => page.remaining)).toEqual([9, 5, 1, 0]);
      for (const item of items) expect(served.some((entry) => same(entry.envelope, item.envelope))).toBe(true);
    });

    it('bounds a page by bytes, always serving at least one item', async () => {
      await store.insertBatch([submission('2026-11-20', 20_000), submission('2026-11-20', 20_000), submission('2026-11-20', 20_000)]);
      const page = await store.inbox(A, { limit: 100, maxBytes: 30_000, cursor: undefined });
      expect(page.items).toHaveLength(1);
      expect(page.remaining).toBe(2);
      expect((await store.inbox(A, { limit: 100, maxBytes: 1, cursor: undefined })).items).toHaveLength(1);
    });

    it('an acknowledged envelope leaves that editor\'s inbox; erased once every editor has it', async () => {
      const item = submission();
      await store.insertBatch([item, submission()]);
      const id = await idOf(store, A, item);
      expect(await store.acknowledge(A, [id, randomBytes(16)])).toEqual({ acknowledged: 1, erased: 0 });
      expect(await store.acknowledge(A, [id])).toEqual({ acknowledged: 0, erased: 0 });
      expect((await store.inbox(A, everything)).items).toHaveLength(1);
      expect((await store.inbox(B, everything)).items).toHaveLength(2);
      expect(await store.acknowledge(B, [id])).toEqual({ acknowledged: 1, erased: 1 });
      expect((await store.inbox(B, everything)).items).toHaveLength(1);
      expect(await store.statusOf(item.verifier)).toBe('received'); // the receipt still answers
    });

    it('withdrawal erases the envelope, keeps the status and lists the id for editors', async () => {
      const item = submission();
      await store.insertBatch([item]);
      const id = await idOf(store, A, item);
      expect(await store.withdraw(item.verifier)).toBe('withdrawn');
      expect(await store.withdraw(item.verifier)).toBe('withdrawn'); // idempotent
      expect(await store.withdraw(randomBytes(32))).toBeUndefined();
      const page = await store.inbox(A, everything);
      expect(page.items).toEqual([]);
      expect(page.withdrawn.map(hex)).toEqual([hex(id)]);
      expect(await store.statusOf(item.verifier)).toBe('withdrawn');
      expect(await store.setStatus(id, 'published')).toBe('withdrawn');
    });

    it('sets an editor status, and says when the id is unknown', async () => {
      const item = submission();
      await store.insertBatch([item]);
      const id = await idOf(store, A, item);
      expect(await store.setStatus(id, 'in_review')).toBe('ok');
      expect(await store.statusOf(item.verifier)).toBe('in_review');
      expect(await store.setStatus(randomBytes(16), 'in_review')).toBe('unknown');
    });

    it('applies retention: unpulled rows vanish, pulled ones keep their status', async () => {
      const unpulled = submission('2026-01-01');
      const pulled = submission('2026-01-01');
      const recent = submission('2026-11-20');
      await store.insertBatch([unpulled, pulled, recent]);
      await store.acknowledge(A, [await idOf(store, A, pulled)]);
      expect(await store.applyRetention('2026-06-01')).toBe(2);
      expect(await store.statusOf(unpulled.verifier)).toBeUndefined();
      expect(await store.statusOf(pulled.verifier)).toBe('received');
      expect((await store.inbox(B, everything)).items).toHaveLength(1);
    });

    it('team log: appends in order, pages from a position, bounds pages by bytes, keeps it across a reopen', async () => {
      const records = Array.from({ length: 5 }, (_, i) => randomBytes(100 + i));
      const seqs: number[] = [];
      for (const record of records) seqs.push((await store.appendTeamRecord(record, '2026-11-20')) as number);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(5);
      const all = await store.teamLog(0, 100, 1e9);
      expect(all.map((r) => r.seq)).toEqual(seqs);
      expect(all.every((r, i) => r.day === '2026-11-20' && same(r.record, records[i]!))).toBe(true);
      expect((await store.teamLog(seqs[1]!, 2, 1e9)).map((r) => r.seq)).toEqual(seqs.slice(2, 4));
      expect(await store.teamLog(seqs[4]!, 100, 1e9)).toEqual([]);
      expect(await store.teamLog(0, 100, 1)).toHaveLength(1); // at least one, however small the bound
      expect((await store.teamLog(0, 100, 205)).map((r) => r.seq)).toEqual(seqs.slice(0, 2));
      expect(await store.usedBytes()).toBe(0); // not charged to the submissions' quota
      await store.close();
      store = await harness.open(EDITORS);
      expect((await store.teamLog(0, 100, 1e9)).map((r) => r.seq)).toEqual(seqs);
    });

    it('team log: retention deletes old records, and a position is never used twice', async () => {
      const old = (await store.appendTeamRecord(randomBytes(50), '2026-01-01')) as number;
      const last = (await store.appendTeamRecord(randomBytes(50), '2026-01-02')) as number;
      await store.applyRetention('2026-06-01');
      expect(await store.teamLog(0, 100, 1e9)).toEqual([]);
      const next = (await store.appendTeamRecord(randomBytes(50), '2026-11-20')) as number;
      expect(next).toBeGreaterThan(last);
      expect(last).toBeGreaterThan(old);
      expect((await store.teamLog(last, 100, 1e9)).map((r) => r.seq)).toEqual([next]);
    });

    it('team log: refuses, writing nothing, past its size limit', async () => {
      const big = randomBytes(MAX_TEAM_LOG_BYTES / 4);
      for (let i = 0; i < 4; i++) expect(typeof (await store.appendTeamRecord(big, '2026-11-20'))).toBe('number');
      expect(await store.appendTeamRecord(randomBytes(1), '2026-11-20')).toBe('full');
      expect(await store.teamLog(0, 100, 1e9)).toHaveLength(4);
    }, 60_000);

    it('keeps everything across a reopen', async () => {
      const items = [submission(), submission()];
      await store.insertBatch(items);
      await store.acknowledge(A, [await idOf(store, A, items[0]!)]);
      const used = await store.usedBytes();
      await store.close();
      store = await harness.open(EDITORS);
      expect(await store.usedBytes()).toBe(used);
      expect((await store.inbox(A, everything)).items).toHaveLength(1);
      expect((await store.inbox(B, everything)).items).toHaveLength(2);
      expect(await store.statusOf(items[1]!.verifier)).toBe('received');
    });

    it('keeps what a removed editor never pulled until it is forgotten; putting the key back restores it', async () => {
      const items = [submission('2026-11-19'), submission('2026-11-20')];
      await store.insertBatch(items);
      const pulledByBoth = await idOf(store, A, items[0]!);
      await store.acknowledge(B, [pulledByBoth]);
      for (const item of items) await store.acknowledge(A, [await idOf(store, A, item)]);
      // B leaves: what only B still waits for is kept and reported, not erased.
      await store.close();
      store = await harness.open([A]);
      expect(await store.formerEditors('2026-11-21')).toEqual([{ editor: B, waiting: 1, sinceDay: '2026-11-21' }]);
      expect(await store.statusOf(items[1]!.verifier)).toBe('received');
      // B comes back: nothing was lost, B can still pull it.
      await store.close();
      store = await harness.open(EDITORS);
      expect(await store.formerEditors('2026-11-22')).toEqual([]);
      expect((await store.inbox(B, everything)).items.map((item) => hex(item.envelope))).toEqual([hex(items[1]!.envelope)]);
      // B leaves again and is forgotten: the envelope only B waited for is erased.
      await store.close();
      store = await harness.open([A]);
      expect(await store.formerEditors('2026-11-23')).toHaveLength(1);
      const before = await store.usedBytes();
      expect(await store.forgetEditor(B)).toBe(1);
      expect(await store.usedBytes()).toBeLessThan(before);
      expect(await store.formerEditors('2026-11-23')).toEqual([]);
      await expect(store.forgetEditor(A)).rejects.toThrow();
    });

    describe('story messages', () => {
      const message = (day = '2026-11-21', maxMessages = 5) => ({ day, envelope: randomBytes(4500), maxMessages });
      const texts = (messages: { envelope: Uint8Array }[]) => messages.map((m) => hex(m.envelope));

      it('adds messages by story id or by receipt verifier, in one order, charged to the quota', async () => {
        const item = submission('2026-11-20');
        await store.insertBatch([item]);
        const id = await idOf(store, A, item);
        const sent = [message(), message('2026-11-22'), message('2026-11-22')];
        const used = await store.usedBytes();
        expect(await store.addMessage({ id }, sent[0]!)).toBe('stored');
        expect(await store.addMessage({ verifier: item.verifier }, sent[1]!)).toBe('stored');
        expect(await store.addMessage({ id }, sent[2]!)).toBe('stored');
        expect(await store.usedBytes()).toBe(used + 3 * chargeFor(4500));
        const byId = await store.messagesOf({ id });
        expect(byId.map((m) => m.seq)).toEqual([1, 2, 3]);
        expect(byId.map((m) => m.day)).toEqual(['2026-11-21', '2026-11-22', '2026-11-22']);
        expect(texts(byId)).toEqual(texts(sent));
        expect(byId.every((m) => same(m.story, id))).toBe(true);
        expect(texts(await store.messagesOf({ verifier: item.verifier }))).toEqual(texts(sent));
        // Editors' pull of the conversation outlives the envelope's erasure (all editors done).
        await store.acknowledge(A, [id]);
        await store.acknowledge(B, [id]);
        expect(await store.messagesOf({ id })).toHaveLength(3);
      });

      it('refuses unknown stories and a full conversation, and lists nothing for them', async () => {
        const item = submission();
        await store.insertBatch([item]);
        expect(await store.addMessage({ id: randomBytes(16) }, message())).toBe('unknown');
        expect(await store.addMessage({ verifier: randomBytes(32) }, message())).toBe('unknown');
        expect(await store.messagesOf({ verifier: randomBytes(32) })).toEqual([]);
        for (let i = 0; i < 2; i++) expect(await store.addMessage({ verifier: item.verifier }, message('2026-11-21', 2))).toBe('stored');
        expect(await store.addMessage({ verifier: item.verifier }, message('2026-11-21', 2))).toBe('conversation-full');
        expect(await store.messagesOf({ verifier: item.verifier })).toHaveLength(2);
      });

      it('withdrawal erases every message and refuses new ones; the quota comes back', async () => {
        const item = submission();
        const other = submission();
        await store.insertBatch([item, other]);
        const id = await idOf(store, A, item);
        await store.addMessage({ id }, message());
        await store.addMessage({ verifier: item.verifier }, message());
        await store.addMessage({ verifier: other.verifier }, message());
        expect(await store.withdraw(item.verifier)).toBe('withdrawn');
        expect(await store.usedBytes()).toBe(chargeFor(0) + chargeFor(3000) + chargeFor(4500));
        expect(await store.messagesOf({ id })).toEqual([]);
        expect(await store.messagesSince({ sinceDay: '2000-01-01', after: undefined, limit: 100 })).toHaveLength(1);
        expect(await store.addMessage({ id }, message())).toBe('withdrawn');
        expect(await store.addMessage({ verifier: item.verifier }, message())).toBe('withdrawn');
      });

      it('retention erases old messages, and an unpulled story with all of its messages', async () => {
        const unpulled = submission('2026-01-01');
        const pulled = submission('2026-01-01');
        await store.insertBatch([unpulled, pulled]);
        await store.acknowledge(A, [await idOf(store, A, pulled)]);
        await store.addMessage({ verifier: unpulled.verifier }, message('2026-08-01'));
        await store.addMessage({ verifier: pulled.verifier }, message('2026-02-01'));
        await store.addMessage({ verifier: pulled.verifier }, message('2026-08-01'));
        await store.applyRetention('2026-06-01');
        expect(await store.messagesOf({ verifier: unpulled.verifier })).toEqual([]);
        expect((await store.messagesOf({ verifier: pulled.verifier })).map((m) => [m.seq, m.day])).toEqual([[2, '2026-08-01']]);
        expect(await store.usedBytes()).toBe(chargeFor(0) + chargeFor(4500));
        // The next message after an erased one still comes later in the story.
        await store.addMessage({ verifier: pulled.verifier }, message('2026-08-02'));
        expect((await store.messagesOf({ verifier: pulled.verifier })).map((m) => m.seq)).toEqual([2, 3]);
      });

      it('pages every story\'s messages from a day on, in (day, story, seq) order, each once', async () => {
        const items = Array.from({ length: 4 }, () => submission('2026-11-01'));
        await store.insertBatch(items);
        for (const [i, item] of items.entries()) {
          for (const day of ['2026-11-02', '2026-11-03', '2026-11-05']) await store.addMessage({ verifier: item.verifier }, message(day, 5 + i));
        }
        const seen: string[] = [];
        let after;
        for (;;) {
          const page = await store.messagesSince({ sinceDay: '2026-11-03', after, limit: 3 });
          if (page.length === 0) break;
          seen.push(...page.map((m) => `${m.day}.${hex(m.story)}.${m.seq}`));
          const last = page.at(-1)!;
          after = { day: last.day, story: last.story, seq: last.seq };
        }
        expect(seen).toHaveLength(8);
        expect([...seen].sort()).toEqual(seen);
        expect(new Set(seen).size).toBe(8);
        expect(seen.every((key) => key >= '2026-11-03')).toBe(true);
        const reopened = await (async () => {
          await store.close();
          store = await harness.open(EDITORS);
          return store.messagesSince({ sinceDay: '2026-11-01', after: undefined, limit: 100 });
        })();
        expect(reopened).toHaveLength(12);
      });
    });

    it('binds a complete upload to its story in the story\'s commit, and serves its chunks to editors who still wait for it', async () => {
      const made = upload();
      expect(await store.createUpload(made, NO_LIMIT)).toBe('stored');
      expect(await store.usedBytes()).toBe(uploadChargeFor(made.files));
      expect(await store.uploadFiles(made.id)).toEqual(made.files);
      expect(await store.uploadFiles(randomBytes(32))).toBeUndefined();
      // One chunk missing: the story is refused whole, and the upload can still be finished.
      const sent = await sendChunks(store, made, ['0.2']);
      const story = { ...submission(), upload: made.id };
      const usedBefore = await store.usedBytes();
      expect(await store.insertBatch([story, submission()])).toEqual(['upload-incomplete', 'stored']);
      expect(await store.statusOf(story.verifier)).toBeUndefined();
      expect(await store.usedBytes()).toBe(usedBefore + chargeFor(3000));
      const last = randomBytes(sealedChunkSize(made.files[0]!, 2));
      expect(await store.putChunk(made.id, 0, 2, last)).toBe(true);
      sent.set('0.2', last);
      expect(await store.insertBatch([story])).toEqual(['stored']);
      // Bound: no more chunks, no second story.
      expect(await store.uploadFiles(made.id)).toBeUndefined();
      expect(await store.putChunk(made.id, 0, 0, randomBytes(10))).toBe(false);
      expect(await store.insertBatch([{ ...submission(), upload: made.id }])).toEqual(['upload-incomplete']);
      expect(await store.insertBatch([{ ...submission(), upload: randomBytes(32) }])).toEqual(['upload-incomplete']);
      const id = await idOf(store, A, story);
      const item = (await store.inbox(A, everything)).items.find((entry) => same(entry.id, id))!;
      expect(item.attachments).toEqual(made.files);
      expect((await store.inbox(A, everything)).items.filter((entry) => !same(entry.id, id)).map((entry) => entry.attachments)).toEqual([[]]);
      for (const [key, bytes] of sent) {
        const [file, chunk] = key.split('.').map(Number) as [number, number];
        expect(same((await store.attachmentChunk(A, id, file, chunk))!, bytes)).toBe(true);
      }
      expect(await store.attachmentChunk(A, id, 0, 3)).toBeUndefined();
      expect(await store.attachmentChunk(A, randomBytes(16), 0, 0)).toBeUndefined();
      // A pulled it: A gets no chunk any more, B still does; once B has it, everything is erased.
      await store.acknowledge(A, [id]);
      expect(await store.attachmentChunk(A, id, 0, 0)).toBeUndefined();
      expect(await store.attachmentChunk(B, id, 0, 0)).toBeDefined();
      const beforeErasure = await store.usedBytes();
      expect(await store.acknowledge(B, [id])).toEqual({ acknowledged: 1, erased: 1 });
      expect(await store.usedBytes()).toBe(beforeErasure - 3000 - uploadChargeFor(made.files));
    });

    it('erases a story\'s attachments on withdrawal, retention and forgetting an editor, and uploads no story claimed', async () => {
      const baseline = await store.usedBytes();
      const storyWith = async (day: string) => {
        const made = upload(day);
        await store.createUpload(made, NO_LIMIT);
        await sendChunks(store, made);
        const story = { ...submission(day), upload: made.id };
        expect(await store.insertBatch([story])).toEqual(['stored']);
        return { story, id: await idOf(store, A, story), charge: chargeFor(3000) + uploadChargeFor(made.files) };
      };
      const withdrawn = await storyWith('2026-11-20');
      let used = await store.usedBytes();
      await store.withdraw(withdrawn.story.verifier);
      expect(await store.attachmentChunk(A, withdrawn.id, 0, 0)).toBeUndefined();
      expect(await store.usedBytes()).toBe(used - withdrawn.charge + chargeFor(0));

      const old = await storyWith('2026-01-01');
      used = await store.usedBytes();
      expect(await store.applyRetention('2026-06-01')).toBe(1);
      expect(await store.usedBytes()).toBe(used - old.charge);

      // An upload no story claimed: erased once it is older than the cutoff, not before.
      const stale = upload('2026-11-18');
      const fresh = upload('2026-11-20');
      await store.createUpload(stale, NO_LIMIT);
      await store.createUpload(fresh, NO_LIMIT);
      await sendChunks(store, stale);
      used = await store.usedBytes();
      expect(await store.expireUploads('2026-11-19')).toBe(1);
      expect(await store.uploadFiles(stale.id)).toBeUndefined();
      expect(await store.uploadFiles(fresh.id)).toEqual(fresh.files);
      expect(await store.usedBytes()).toBe(used - uploadChargeFor(stale.files));

      // B leaves and is forgotten: A had pulled the story, so its attachments go with it.
      const left = await storyWith('2026-11-20');
      await store.acknowledge(A, [left.id]);
      await store.close();
      store = await harness.open([A]);
      await store.formerEditors('2026-11-21');
      used = await store.usedBytes();
      expect(await store.forgetEditor(B)).toBe(1);
      expect(await store.usedBytes()).toBe(used - left.charge + ROW_CHARGE_KEPT);
      expect(baseline).toBe(0);
    });

    it('refuses an upload that would take the store past its limit, charging nothing', async () => {
      const made = upload();
      expect(await store.createUpload(made, uploadChargeFor(made.files) - 1)).toBe('storage-full');
      expect(await store.usedBytes()).toBe(0);
      expect(await store.uploadFiles(made.id)).toBeUndefined();
      expect(await store.createUpload(made, uploadChargeFor(made.files))).toBe('stored');
    });

    it('upkeep runs in steps and changes nothing visible', async () => {
      const items = Array.from({ length: 5 }, () => submission());
      await store.insertBatch(items);
      await store.withdraw(items[0]!.verifier);
      for (let step = 0; step < 1000 && (await store.maintain()); step++);
      expect((await store.inbox(A, everything)).items).toHaveLength(4);
      expect(await store.statusOf(items[0]!.verifier)).toBe('withdrawn');
    });
  });
}

/** The contract of a SpentTokens registry (server/store.ts). */
export function describeSpentTokens(name: string, make: (nowS: number) => Promise<SpentTokens>): void {
  describe(`SpentTokens contract: ${name}`, () => {
    it('claims a token once until it expires', async () => {
      const tokens = await make(1000);
      expect(tokens.rememberedSinceS).toBeLessThanOrEqual(1000);
      expect(tokens.scope.length).toBeGreaterThan(0);
      expect(await tokens.claim('t1', 1100, 1000)).toBe('claimed');
      expect(await tokens.claim('t1', 1100, 1050)).toBe('spent');
      expect(await tokens.claim('t2', 1100, 1050)).toBe('claimed');
      expect(await tokens.claim('t1', 1300, 1200)).toBe('claimed'); // expired, so it may be claimed anew
    });

    it('answers exactly one of many concurrent claims of the same token', async () => {
      const tokens = await make(1000);
      const answers = await Promise.all(Array.from({ length: 8 }, () => tokens.claim('same', 1100, 1000)));
      expect(answers.filter((answer) => answer === 'claimed')).toHaveLength(1);
    });
  });
}
