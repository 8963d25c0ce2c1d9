// A bounded load run on loopback (SECURITY.md §10) with the privacy canary: concurrent
// submitters, two editors pulling and acknowledging at the same time with signed requests, and
// status checks by receipt, for fixed request counts. Every request carries canaries wherever a
// client can put them. Afterwards: acknowledged = present or pulled, pulled = acknowledged for
// each editor, no duplicates, no 5xx; no canary in any file the server wrote or in anything it
// printed; no byte of an erased envelope on disk (a kept envelope is the scan's control).

import { b64uDecode, b64uEncode } from '../../crypto/bytes.ts';
import { envelopeFor, signed, type TestEditor } from '../support/server.ts';
import { freshFetch } from './_raw-http.ts';
import {
  countStatus, emptyFigures, envelopeKey, makeCanaries, prepareSubmission, scanForLeaks, startStressServer, trackingHeaders,
  type Figures, type PreparedSubmission, type StressServer,
} from './_support.ts';

export interface LoadResult {
  figures: Figures;
  submitted: number;
  acknowledged: number;
  /** Per editor: acknowledged envelopes it never pulled, and pulled envelopes nobody acknowledged. */
  notPulled: number[];
  pulledUnacknowledged: number[];
  duplicates: number;
  present: number;
  statusChecks: number;
  statusWrong: number;
  canaryHits: string[];
  erasedFound: number;
  controlMissing: number;
}

export async function runLoad(options: { submissions: number; submitLanes: number; statusChecks: number }): Promise<LoadResult> {
  const figures = emptyFigures();
  const canaries = makeCanaries('LOAD');
  const tracking = trackingHeaders(canaries);
  const stress: StressServer = await startStressServer({ editorCount: 2 });
  const result: LoadResult = {
    figures, submitted: 0, acknowledged: 0, notPulled: [], pulledUnacknowledged: [], duplicates: 0, present: 0,
    statusChecks: 0, statusWrong: 0, canaryHits: [], erasedFound: 0, controlMissing: 0,
  };
  try {
    const url = stress.server.url;
    const request = freshFetch(url);
    const q = `?utm=${canaries.query}`;
    const prepared: PreparedSubmission[] = [];
    for (let i = 0; i < options.submissions; i++) {
      prepared.push(await prepareSubmission(url, envelopeFor(stress.editors, `story ${i} ${canaries.story} ${'l'.repeat(i % 7 === 0 ? 30_000 : 500)}`)));
    }
    const acknowledged = new Map<string, PreparedSubmission>();
    let submittersDone = false;

    const submitters = (async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: options.submitLanes }, async () => {
          while (next < prepared.length) {
            const item = prepared[next++]!;
            const response = await request(`/api/v1/submissions${q}`, { method: 'POST', headers: { ...tracking, 'Content-Type': 'application/json' }, body: item.body });
            await response.arrayBuffer();
            countStatus(figures, response.status);
            result.submitted++;
            if (response.status === 201) acknowledged.set(envelopeKey(item.envelope), item);
          }
        }),
      );
      submittersDone = true;
    })();

    const pulledBy = stress.editors.map(() => new Map<string, string>()); // id → envelope key
    const ackedIds = stress.editors.map(() => new Set<string>());
    const editorLoop = async (editor: TestEditor, index: number) => {
      for (let rounds = 0; rounds < 10_000; rounds++) {
        const done = submittersDone;
        const pathAndQuery = '/api/v1/inbox?limit=50';
        const init = signed(editor, 'GET', pathAndQuery);
        const response = await request(pathAndQuery, { ...init, headers: { ...tracking, ...(init.headers as Record<string, string>) } });
        countStatus(figures, response.status);
        if (response.status !== 200) {
          await response.arrayBuffer();
          continue;
        }
        const page = (await response.json()) as { items: { id: string; envelope: string }[] };
        for (const item of page.items) {
          if (ackedIds[index]!.has(item.id) || pulledBy[index]!.has(item.id)) result.duplicates++;
          pulledBy[index]!.set(item.id, envelopeKey(b64uDecode(item.envelope)));
        }
        if (page.items.length > 0) {
          const ids = page.items.map((item) => item.id);
          const ack = signed(editor, 'POST', '/api/v1/inbox/ack', { ids });
          const answer = await request('/api/v1/inbox/ack', { ...ack, headers: { ...tracking, ...(ack.headers as Record<string, string>) } });
          countStatus(figures, answer.status);
          const body = (await answer.json()) as { acknowledged?: number };
          if (answer.status === 200 && body.acknowledged === ids.length) ids.forEach((id) => ackedIds[index]!.add(id));
        } else if (done) return;
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };

    const statusLoop = async () => {
      for (let i = 0, waits = 0; i < options.statusChecks && waits < 10_000; ) {
        const known = [...acknowledged.values()];
        if (known.length === 0) {
          waits++;
          await new Promise((resolve) => setTimeout(resolve, 10));
          continue;
        }
        const item = known[(i++ * 7919) % known.length]!;
        const response = await request(`/api/v1/receipts/status${q}`, {
          method: 'POST',
          headers: { ...tracking, 'Content-Type': 'application/json' },
          body: JSON.stringify({ token: b64uEncode(item.receipt.token), action: 'status' }),
        });
        countStatus(figures, response.status);
        result.statusChecks++;
        const { status } = (await response.json()) as { status?: string };
        if (status !== 'received') result.statusWrong++;
      }
    };

    await Promise.all([submitters, ...stress.editors.map(editorLoop), statusLoop()]);
    result.acknowledged = acknowledged.size;

    // Counting: every acknowledged envelope was pulled by each editor, and nothing else was.
    for (const pulled of pulledBy) {
      const keys = new Set(pulled.values());
      result.notPulled.push([...acknowledged.keys()].filter((key) => !keys.has(key)).length);
      result.pulledUnacknowledged.push([...keys].filter((key) => !acknowledged.has(key)).length);
    }
    const remaining = signed(stress.editors[0]!, 'GET', '/api/v1/inbox?limit=100');
    result.present = ((await (await request('/api/v1/inbox?limit=100', remaining)).json()) as { items: unknown[] }).items.length;

    // The control for the scan: one envelope nobody acknowledges stays on disk.
    const control = await prepareSubmission(url, envelopeFor(stress.editors, `control ${canaries.story}`));
    const controlAnswer = await request(`/api/v1/submissions${q}`, { method: 'POST', headers: { ...tracking, 'Content-Type': 'application/json' }, body: control.body });
    countStatus(figures, controlAnswer.status);

    await stress.stop();
    const scan = scanForLeaks({
      dirs: [stress.dataDir],
      printed: stress.printed(),
      canaries,
      erased: [...acknowledged.values()].map((item) => item.envelope),
      kept: controlAnswer.status === 201 ? [control.envelope] : [],
    });
    result.canaryHits = scan.canaryHits;
    result.erasedFound = scan.erasedFound.length;
    result.controlMissing = controlAnswer.status === 201 ? scan.keptMissing.length : 1;
    figures.canaryHits = scan.canaryHits.length;
    figures.acknowledgedLost = Math.max(...result.notPulled);
    return result;
  } finally {
    await stress.remove();
  }
}
