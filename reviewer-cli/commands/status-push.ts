// `status push`: sends each decision the server has not seen yet, so the author's receipt code
// shows it. Only the status travels; each one is recorded as sent as soon as the server has it.
// "published" is sent only once `export` has written the story out; approved is still "in review".

import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import type { EditorStatus as ServerStatus } from '../../crypto/contract.ts';
import { openReviewState, sealReviewState, type ReviewState } from '../review-state.ts';
import { EditorClient } from '../server-client.ts';
import { withEditor } from '../session.ts';

/** What the author's receipt should say about a story in this state (null: nothing yet). */
export function serverStatusOf(state: ReviewState): ServerStatus | null {
  switch (state.status) {
    case 'new':
      return null;
    case 'anonymised':
      return 'in_review';
    case 'approved':
      return state.exported === true ? 'published' : 'in_review';
    case 'rejected':
      return 'declined';
  }
}

export async function runStatusPush(ctx: CommandContext): Promise<void> {
  const result = await withEditor(ctx, { createVault: false }, async ({ sodium, identity, keyIdHex, vault }) => {
    const client = new EditorClient(ctx.settings.server!, identity, keyIdHex);
    const due: { state: ReviewState; target: ServerStatus }[] = [];
    for (const row of vault.rows()) {
      if (row.withdrawn || !row.state) continue;
      const state = openReviewState(sodium, identity, row.id, row.state);
      const target = serverStatusOf(state);
      if (target && target !== state.pushed) due.push({ state, target });
    }
    let sent = 0;
    let unknown = 0;
    let withdrawn = 0;
    for (const { state, target } of due) {
      const answer = await client.setStatus(state.id, target);
      if (answer === 'ok') {
        vault.saveStates([{ id: state.id, state: sealReviewState(sodium, identity, { ...state, pushed: target }) }]);
        sent++;
      } else if (answer === 'withdrawn') withdrawn += vault.markWithdrawn([state.id]);
      else unknown++;
    }
    return { sent, unknown, withdrawn };
  });
  const lines = [`Sent ${plural(result.sent, 'decision')} to the server.`];
  if (result.withdrawn > 0) lines.push(`${plural(result.withdrawn, 'story')} turned out to be withdrawn by the author and will never be exported.`);
  if (result.unknown > 0) lines.push(`The server does not know ${plural(result.unknown, 'story')} (pulled from another server?).`);
  await write(ctx.io.stdout, `${lines.join('\n')}\n`);
}
