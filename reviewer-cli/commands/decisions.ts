// `decisions --out FILE` (offline): what `status push` would send, in a file signed with your key,
// to carry to the online computer and send there with `status push --decisions FILE` (the
// pull-only key is enough). Every decided story is listed each time: setting a status the server
// already has changes nothing, so nothing is lost if an earlier file was never pushed.

import { type ServerDecision, decisionsWriter } from '../decisions-file.ts';
import { plural } from '../format.ts';
import { writeNewFile } from '../../node-lib/durable-file.ts';
import { write, type CommandContext } from '../io.ts';
import { openReviewState } from '../review-state.ts';
import { withEditor } from '../session.ts';
import { serverStatusOf } from './status-push.ts';

export async function runDecisions(ctx: CommandContext): Promise<void> {
  const out = ctx.options.out as string;
  const count = await withEditor(ctx, { createVault: false }, async ({ sodium, signing, vault }) => {
    const decisions: ServerDecision[] = [];
    for (const row of vault.rows()) {
      if (row.withdrawn || row.dismissed || row.conflict || !row.state) continue;
      const state = openReviewState(sodium, vault.stateKey, { id: row.id, envelopeHash: row.envelopeHash, version: row.version }, row.state);
      const status = serverStatusOf(state);
      if (status) decisions.push({ id: row.id, status });
    }
    writeNewFile(out, 0o600, decisionsWriter(signing, decisions));
    return decisions.length;
  });
  await write(ctx.io.stdout, `Wrote ${plural(count, 'decision')} to ${out}, signed with your key. On the online computer: \`sotto-review status push --decisions ${out}\`.\n`);
}
