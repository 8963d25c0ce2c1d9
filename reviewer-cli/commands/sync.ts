// `sync` (online): shares this editor's review work with the team through the server's team log
// (team-log.ts) and takes in the others'. In order:
//   1. the review states in the vault are compared with what this editor has told the team, and
//      a record is written for each new anonymised text and each new decision;
//   2. every record not yet sent is sent, oldest first (the server answers its position);
//   3. the log is read from where the last sync stopped; each record is opened, its signature
//      checked against the accepted editor set and its place in its author's chain checked, and
//      it is stored with the new position in one transaction per page (an interrupted sync
//      loses nothing and stores nothing twice); a record not sealed to this editor (written before
//      they joined) is skipped, one that fails its signature is ignored with a warning;
//   4. a story this editor has not anonymised yet takes the team's text when there is exactly
//      one (it can then be approved as is); a different text of one's own is never replaced.

import type { EditorPublicKey } from '../../crypto/public-key.ts';
import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import { openReviewState, type ReviewState } from '../review-state.ts';
import { openRow, saveReviewState } from '../reviewed-story.ts';
import { EditorClient } from '../server-client.ts';
import { withEditor, type Editor } from '../session.ts';
import { shortId } from '../short-id.ts';
import { recordOwnProgress, teamEditors, teamView } from '../team-log.ts';
import { openTeamRecord, type TeamRecord } from '../team-record.ts';
import { parseEnvelope, wrappedKeyFor } from '../../crypto/envelope-format.ts';
import { contentHash } from '../vault-mac.ts';

interface Received {
  stored: number;
  /** Records not sealed to this editor's key. */
  notForYou: number;
  stories: Set<string>;
  warnings: string[];
}

/** Step 1: records for what this editor did since the last sync. */
function recordProgress(editor: Editor, editors: Map<string, EditorPublicKey>): number {
  // Read first, written after: the vault cannot be written while a read runs over it.
  const decided: { id: string; state: ReviewState }[] = [];
  for (const row of editor.vault.rows()) {
    if (!row.state || row.dismissed || row.conflict || row.withdrawn) continue;
    const state = openReviewState(editor.sodium, editor.vault.stateKey, { id: row.id, envelopeHash: row.envelopeHash, version: row.version }, row.state);
    if (state.status !== 'new') decided.push({ id: row.id, state });
  }
  return decided.reduce((written, { id, state }) => written + recordOwnProgress(editor, id, state, editors), 0);
}

/** Step 3 for one record: where it stands in its author's chain; a warning, or null to store it. */
function chainProblem(editor: Editor, author: string, n: number, prev: string | null, editors: Map<string, EditorPublicKey>): { skip: boolean; warning?: string } {
  const latest = editor.vault.latestTeamRecordOf(author);
  if (!latest) return { skip: false };
  const who = `editor ${author.slice(0, 8)}`;
  if (n <= latest.n) return { skip: true, warning: `${who}'s record number ${n} differs from the one already received: the server replayed or forked the log. It was ignored; tell the team` };
  const latestHash = openTeamRecord(editor.sodium, editor.identity, latest.record, editors).hash;
  if (n === latest.n + 1 && prev !== latestHash) return { skip: true, warning: `${who}'s record number ${n} does not follow the one already received: the server forked the log. It was ignored; tell the team` };
  if (n > latest.n + 1) return { skip: false, warning: `${plural(n - latest.n - 1, 'record')} of ${who} never arrived (numbers ${latest.n + 1}–${n - 1}): the server dropped them, or retention removed them` };
  return { skip: false };
}

/** Whether the record names this editor's key among its recipients (crypto/envelope-format.ts). */
function sealedTo(sealed: Uint8Array, editor: Editor): boolean {
  try {
    return wrappedKeyFor(parseEnvelope(sealed), editor.identity.x25519.publicKey) !== undefined;
  } catch {
    return true; // malformed: opening it fails and says so
  }
}

async function receive(editor: Editor, client: EditorClient, editors: Map<string, EditorPublicKey>): Promise<Received> {
  const received: Received = { stored: 0, notForYou: 0, stories: new Set(), warnings: [] };
  const { vault } = editor;
  for (;;) {
    const page = await client.teamLog(vault.teamCursor());
    if (page.length === 0) return received;
    vault.transaction(() => {
      for (const { seq, record: sealed } of page) {
        if (!sealedTo(sealed, editor)) {
          received.notForYou++; // written before this editor's key was among the editors
          continue;
        }
        let record: TeamRecord;
        try {
          ({ record } = openTeamRecord(editor.sodium, editor.identity, sealed, editors));
        } catch (error) {
          if (!(error instanceof CliError)) throw error;
          received.warnings.push(`the team record at position ${seq} is not signed by an editor of your accepted set (or was damaged): it was ignored. If the team has a new editor, accept the new key list (\`sotto-review editors --accept FILE\`); otherwise tell the team`);
          continue;
        }
        const known = vault.teamRecordByHash(contentHash(editor.sodium, sealed));
        if (known) {
          // One of this editor's own, sent by a sync that stopped before it noted the position.
          if (known.serverSeq === null) vault.setTeamServerSeq(known.hash, seq);
          continue;
        }
        const chain = chainProblem(editor, record.author, record.n, record.prev, editors);
        if (chain.warning) received.warnings.push(chain.warning);
        if (!chain.skip && vault.addTeamRecord({ serverSeq: seq, story: record.story, author: record.author, n: record.n, record: sealed })) {
          received.stored++;
          received.stories.add(record.story);
        }
      }
      vault.setTeamCursor(page.at(-1)!.seq);
    });
  }
}

/** Step 4: the team's one text, for stories this editor has not anonymised. */
function adoptTexts(editor: Editor, stories: Iterable<string>, editors: Map<string, EditorPublicKey>): string[] {
  const adopted: string[] = [];
  for (const story of stories) {
    let loaded;
    try {
      loaded = openRow(editor, editor.vault.row(story));
    } catch (error) {
      if (error instanceof CliError) continue; // not in this vault, dismissed or quarantined
      throw error;
    }
    if (loaded.row.withdrawn || loaded.state.anonymised) continue;
    const view = teamView(editor, story, editors);
    if (view.texts.size !== 1 || view.conflicts.length > 0) continue;
    const { anonymised } = [...view.texts.values()][0]!;
    saveReviewState(editor, loaded, { ...loaded.state, status: loaded.state.status === 'new' ? 'anonymised' : loaded.state.status, anonymised });
    adopted.push(shortId(story));
  }
  return adopted;
}

export async function runSync(ctx: CommandContext): Promise<void> {
  const report = await withEditor(ctx, { createVault: false }, async (editor) => {
    const editors = teamEditors(editor);
    const client = new EditorClient(ctx.settings.server!, editor.signing.ed25519Seed, editor.keyIdHex);
    const written = recordProgress(editor, editors);
    let sent = 0;
    for (const row of editor.vault.unsentTeamRecords()) {
      editor.vault.setTeamServerSeq(row.hash, await client.appendTeamRecord(row.record));
      sent++;
    }
    const received = await receive(editor, client, editors);
    const adopted = adoptTexts(editor, received.stories, editors);
    return { written, sent, received, adopted };
  });
  const lines = [`Sent ${plural(report.sent, 'team record')}${report.written > 0 ? ` (${report.written} new)` : ''}; received ${plural(report.received.stored, 'team record')} about ${plural(report.received.stories.size, 'story')}.`];
  if (report.received.notForYou > 0) lines.push(`${plural(report.received.notForYou, 'team record')} ${report.received.notForYou === 1 ? 'was' : 'were'} not sealed to your key (written before it was among the editors) and ${report.received.notForYou === 1 ? 'was' : 'were'} skipped.`);
  if (report.adopted.length > 0) lines.push(`Took the team's anonymised text for ${plural(report.adopted.length, 'story')} you had not anonymised: ${report.adopted.join(', ')}`);
  lines.push('`sotto-review list` shows who claimed and approved what.');
  await write(ctx.io.stdout, `${lines.join('\n')}\n`);
  for (const warning of report.received.warnings) await write(ctx.io.stderr, `sotto-review: WARNING: ${warning}\n`);
}
