// `status push`: sends each decision the server has not seen yet, so the author's receipt code
// shows it. Only the status travels. "published" is sent only once `export` has written the story
// out; approved is still "in review".
//
// Two ways: from the vault it runs on (full key; each status is recorded as sent as soon as the
// server has it), or with --decisions FILE from a decisions file made offline (`decisions`),
// signed by this same editor, which the pull-only key can send.

import { readDecisionsFile, type ServerDecision } from '../decisions-file.ts';
import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import type { EditorStatus as ServerStatus } from '../../crypto/contract.ts';
import type { ReviewState } from '../review-state.ts';
import { openRow, saveReviewState, type ReviewedStory } from '../reviewed-story.ts';
import { EditorClient } from '../server-client.ts';
import { withEditor, withSigningKey } from '../session.ts';

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

interface PushResult {
  sent: number;
  unknown: number;
  withdrawn: string[];
}

async function push(client: EditorClient, decisions: readonly ServerDecision[], onSent: (d: ServerDecision) => void): Promise<PushResult> {
  const result: PushResult = { sent: 0, unknown: 0, withdrawn: [] };
  for (const decision of decisions) {
    const answer = await client.setStatus(decision.id, decision.status);
    if (answer === 'ok') {
      onSent(decision);
      result.sent++;
    } else if (answer === 'withdrawn') result.withdrawn.push(decision.id);
    else result.unknown++;
  }
  return result;
}

async function pushFromVault(ctx: CommandContext): Promise<PushResult> {
  return withEditor(ctx, { createVault: false }, async (editor) => {
    const { vault } = editor;
    const due = new Map<string, { story: ReviewedStory; status: ServerStatus }>();
    for (const row of vault.rows()) {
      if (row.withdrawn || row.dismissed || row.conflict || !row.state) continue;
      const story = openRow(editor, row);
      const status = serverStatusOf(story.state);
      if (status && status !== story.state.pushed) due.set(row.id, { story, status });
    }
    const client = new EditorClient(ctx.settings.server!, editor.signing.ed25519Seed, editor.keyIdHex);
    const result = await push(client, [...due].map(([id, d]) => ({ id, status: d.status })), ({ id, status }) => {
      const { story } = due.get(id)!;
      saveReviewState(editor, story, { ...story.state, pushed: status });
    });
    vault.markWithdrawn(result.withdrawn);
    return result;
  });
}

async function pushFromFile(ctx: CommandContext, file: string): Promise<PushResult> {
  const { signer, decisions } = await readDecisionsFile(file);
  return withSigningKey(ctx, async ({ signing, keyIdHex }) => {
    if (signer.keyIdHex !== keyIdHex) {
      throw new CliError(`${file} is signed by another editor's key, not yours: push your own decisions with your own key; nothing was sent`);
    }
    return push(new EditorClient(ctx.settings.server!, signing.ed25519Seed, keyIdHex), decisions, () => {});
  });
}

export async function runStatusPush(ctx: CommandContext): Promise<void> {
  const file = ctx.options.decisions as string | undefined;
  const result = file === undefined ? await pushFromVault(ctx) : await pushFromFile(ctx, file);
  const lines = [`Sent ${plural(result.sent, 'decision')} to the server.`];
  if (result.withdrawn.length > 0) lines.push(`${plural(result.withdrawn.length, 'story')} turned out to be withdrawn by the author and will never be exported.`);
  if (result.unknown > 0) lines.push(`The server does not know ${plural(result.unknown, 'story')} (pulled from another server?).`);
  await write(ctx.io.stdout, `${lines.join('\n')}\n`);
}
