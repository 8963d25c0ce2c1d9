// The team's shared state (README.md "Working as a team", SECURITY.md §6 "The team log"): records
// (team-record.ts) stored in the vault as sent, and what they say about one story — who claimed
// it, which anonymised texts exist, who approved which text or rejected it, the team's notes, and
// the conflicts between them. Conflicts are shown, never settled here: two different texts, or an
// approval beside a rejection, stop the story from being exported until the editors agree.

import type { EditorPublicKey } from '../crypto/public-key.ts';
import { acceptedEditors } from './editor-set.ts';
import { CliError } from './errors.ts';
import type { ReviewState } from './review-state.ts';
import type { Editor } from './session.ts';
import { openTeamRecord, sealTeamRecord, textHash, type Anonymised, type TeamRecord } from './team-record.ts';
import { today } from './reviewed-story.ts';

/** Every editor whose records are accepted, by key id: the accepted set and this editor. */
export function teamEditors(editor: Editor): Map<string, EditorPublicKey> {
  const keys = new Map(acceptedEditors(editor.vault).map((k) => [k.keyIdHex, k]));
  if (keys.size === 0) {
    throw new CliError('no editor set accepted yet: the team log is sealed to the accepted editors. Run `sotto-review editors --accept FILE` with the team\'s key list first');
  }
  if (!keys.has(editor.keyIdHex)) throw new CliError('your own key is not in the accepted editor set: accept the team\'s full key list (`sotto-review editors --accept FILE`)');
  return keys;
}

export interface TeamView {
  /** Editors (key ids) whose claim stands. */
  claimedBy: string[];
  /** Each distinct text (by hash) and the editors whose latest text it is. */
  texts: Map<string, { anonymised: Anonymised; by: string[] }>;
  /** Each editor's latest decision. */
  decisions: Map<string, { decision: 'approve' | 'reject'; text: string | null }>;
  notes: { author: string; day: string; note: string }[];
  conflicts: string[];
}

/** Reads one story's records (opening each) into what they say together. */
export function teamView(editor: Editor, story: string, editors = teamEditors(editor)): TeamView {
  const claimed = new Set<string>();
  const latestText = new Map<string, { hash: string; anonymised: Anonymised }>();
  const decisions = new Map<string, { decision: 'approve' | 'reject'; text: string | null }>();
  const notes: TeamView['notes'] = [];
  for (const row of editor.vault.teamRecords(story)) {
    const { record } = openTeamRecord(editor.sodium, editor.identity, row.record, editors);
    if (record.story !== story || record.author !== row.author) throw new CliError('a team log record in the vault does not match its entry; the vault was altered');
    if (record.kind === 'claim') claimed.add(record.author);
    else if (record.kind === 'text') latestText.set(record.author, { hash: record.text, anonymised: record.anonymised });
    else if (record.kind === 'decision') decisions.set(record.author, { decision: record.decision, text: record.text });
    else notes.push({ author: record.author, day: record.day, note: record.note });
  }
  const texts = new Map<string, { anonymised: Anonymised; by: string[] }>();
  for (const [author, { hash, anonymised }] of latestText) {
    const entry = texts.get(hash) ?? { anonymised, by: [] };
    entry.by.push(author);
    texts.set(hash, entry);
  }
  const conflicts: string[] = [];
  if (texts.size > 1) conflicts.push(`${texts.size} different anonymised texts`);
  const kinds = new Set([...decisions.values()].map((d) => d.decision));
  if (kinds.size > 1) conflicts.push('approved and rejected');
  const approvedTexts = new Set([...decisions.values()].filter((d) => d.decision === 'approve').map((d) => d.text));
  if (approvedTexts.size > 1) conflicts.push('approvals of different texts');
  return { claimedBy: [...claimed], texts, decisions, notes, conflicts };
}

/** Editors (key ids) who approved exactly the text this editor would publish; this editor's own
 * approval in the vault counts even before it is sent. */
export function approversOf(view: TeamView, ownKeyId: string, state: ReviewState, hashOf: (a: Anonymised) => string): Set<string> {
  const approvers = new Set<string>();
  if (!state.anonymised) return approvers;
  const hash = hashOf(state.anonymised);
  for (const [author, d] of view.decisions) if (d.decision === 'approve' && d.text === hash) approvers.add(author);
  if (state.status === 'approved') approvers.add(ownKeyId);
  else approvers.delete(ownKeyId);
  return approvers;
}

/** Why the team's records stop this story from being exported with `required` approvals, or
 * null. Without team records and with one approval required, only this editor's own decision
 * counts, as before the team log. */
export function teamProblem(editor: Editor, story: string, state: ReviewState, required: number, editors: () => Map<string, EditorPublicKey>): string | null {
  if (required <= 1 && !editor.vault.hasTeamRecords(story)) return null;
  const view = teamView(editor, story, editors());
  if (view.conflicts.length > 0) return `the team disagrees about it (${view.conflicts.join('; ')}): see \`sotto-review team ${story}\``;
  const rejectedBy = [...view.decisions].filter(([, d]) => d.decision === 'reject').map(([author]) => author);
  if (rejectedBy.length > 0) return `editor ${rejectedBy[0]} rejected it`;
  const approvers = approversOf(view, editor.keyIdHex, state, (a) => textHash(editor.sodium, a));
  if (approvers.size < required) return `it has ${approvers.size} of the ${required} approvals required (of this exact text)`;
  return null;
}

/** Adds a record by this editor to the vault, unsent: numbered after the editor's latest and
 * chained to it. `sync` sends it. */
export function writeTeamRecord(editor: Editor, story: string, fields: DistributiveOmit<TeamRecord, 'v' | 'story' | 'author' | 'n' | 'prev' | 'day'>, editors = teamEditors(editor)): void {
  editor.vault.transaction(() => {
    const latest = editor.vault.latestTeamRecordOf(editor.keyIdHex);
    let prev: string | null = null;
    if (latest) prev = openTeamRecord(editor.sodium, editor.identity, latest.record, editors).hash;
    const record = { v: 1, story, author: editor.keyIdHex, n: (latest?.n ?? 0) + 1, prev, day: today(), ...fields } as TeamRecord;
    const { sealed } = sealTeamRecord(editor.sodium, editor.identity, record, [...editors.values()]);
    editor.vault.addTeamRecord({ serverSeq: null, story, author: editor.keyIdHex, n: record.n, record: sealed });
  });
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The records this editor's review states call for that the log does not hold yet: a text
 * nobody sent, a decision not sent for this text. Returns how many were written. */
export function recordOwnProgress(editor: Editor, story: string, state: ReviewState, editors: Map<string, EditorPublicKey>): number {
  if (!state.anonymised || (state.status !== 'anonymised' && state.status !== 'approved' && state.status !== 'rejected')) {
    return state.status === 'rejected' ? recordDecision(editor, story, 'reject', null, editors) : 0;
  }
  const view = teamView(editor, story, editors);
  const hash = textHash(editor.sodium, state.anonymised);
  let written = 0;
  const ownText = [...view.texts].find(([, t]) => t.by.includes(editor.keyIdHex))?.[0];
  if (ownText !== hash && !view.texts.has(hash)) {
    writeTeamRecord(editor, story, { kind: 'text', anonymised: state.anonymised, text: hash }, editors);
    written++;
  }
  const mine = view.decisions.get(editor.keyIdHex);
  if (state.status === 'approved' && (mine?.decision !== 'approve' || mine.text !== hash)) written += recordDecision(editor, story, 'approve', hash, editors);
  if (state.status === 'rejected' && mine?.decision !== 'reject') written += recordDecision(editor, story, 'reject', null, editors);
  return written;
}

function recordDecision(editor: Editor, story: string, decision: 'approve' | 'reject', text: string | null, editors: Map<string, EditorPublicKey>): number {
  const mine = teamView(editor, story, editors).decisions.get(editor.keyIdHex);
  if (mine?.decision === decision && mine.text === text) return 0;
  writeTeamRecord(editor, story, { kind: 'decision', decision, text }, editors);
  return 1;
}

/** teamEditors, worked out once on first use (export and list ask for every story). */
export function lazyTeamEditors(editor: Editor): () => Map<string, EditorPublicKey> {
  let editors: Map<string, EditorPublicKey> | undefined;
  return () => (editors ??= teamEditors(editor));
}

/** The key id as shown: its first 8 hex digits, or "you". */
export function editorName(keyId: string, own: string): string {
  return keyId === own ? 'you' : keyId.slice(0, 8);
}
