// `show ID`: one story with its form fields, decrypted in memory and printed; with `--server`,
// its conversation with the author (conversation.ts); with `--attachments DIR`, its pictures
// written to DIR (attachments.ts).

import { artworkSummary } from '../artwork.ts';
import { attachmentSummaries, describeAttachments, writeAttachments } from '../attachments.ts';
import { CliError } from '../errors.ts';
import { plural } from '../format.ts';
import { write, type CommandContext } from '../io.ts';
import { displayStatus, loadReviewedStory, type ReviewedStory } from '../reviewed-story.ts';
import { withEditor } from '../session.ts';
import { countInvisible, markInvisible } from '../places.ts';
import { safeJson, safeLine, safeText } from '../terminal.ts';
import { shortId } from '../short-id.ts';
import { conversationText, openConversation, type ConversationEntry } from '../conversation.ts';
import { parseKeyList } from '../../crypto/public-key.ts';
import { acceptedEditors } from '../editor-set.ts';
import { EditorClient } from '../server-client.ts';
import type { Editor } from '../session.ts';

/** With a server: the story's conversation, fetched and opened in memory (nothing is stored). */
async function conversationOf(ctx: CommandContext, editor: Editor, { row }: ReviewedStory): Promise<ConversationEntry[] | undefined> {
  if (!ctx.settings.server) return undefined;
  const client = new EditorClient(ctx.settings.server, editor.identity.ed25519.secretKey, editor.keyIdHex);
  const messages = await client.messagesOf(row.id, row.day);
  // Signatures are checked against the editors this vault accepted, and the server's list.
  const known = [...acceptedEditors(editor.vault), ...parseKeyList((await client.editorLines()).join('\n'))];
  return openConversation(editor.sodium, editor.identity, row.id, messages, known);
}

function asJson({ row, story, state }: ReviewedStory, conversation: ConversationEntry[] | undefined): unknown {
  const t = story.testimony;
  return {
    id: row.id,
    shortId: shortId(row.id),
    day: row.day,
    status: displayStatus(row.withdrawn, state),
    withdrawn: row.withdrawn,
    language: t.language,
    region: t.region ?? null,
    title: t.title ?? null,
    story: t.story,
    consent: t.consent,
    contact: t.contact ?? null,
    replyKey: t.replyKey,
    anonymised: state.anonymised ?? null,
    tags: state.tags,
    notes: state.notes,
    artwork: state.artwork ? artworkSummary(state.artwork) : null,
    conversation: conversation ?? null,
    attachments: attachmentSummaries(t),
  };
}

function artworkLine(state: ReviewedStory['state']): string | undefined {
  if (!state.artwork) return undefined;
  const { format, bytes, credit, alt } = artworkSummary(state.artwork);
  return `${format.toUpperCase()}, ${bytes} bytes, by ${credit}${alt ? `; alt: ${alt}` : '; no alt text'}`;
}

/** The story and its fields as `show` prints them (the anonymised text with `anonymised`). */
export function asText({ row, story, state }: ReviewedStory, anonymised: boolean): string {
  const t = story.testimony;
  const title = anonymised ? state.anonymised!.title : t.title;
  const fields: [string, string | undefined][] = [
    ['Story', shortId(row.id)],
    ['Received', row.day],
    ['Status', displayStatus(row.withdrawn, state)],
    ['Language', t.language],
    ['Region', t.region],
    ['Title', title],
    ['Contact', t.contact === undefined ? undefined : `${t.contact}  (private: never exported)`],
    ['Tags', state.tags.length > 0 ? state.tags.join(', ') : undefined],
    ['Artwork', artworkLine(state)],
    ['Pictures', describeAttachments(attachmentSummaries(t))],
  ];
  const lines = fields.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${`${k}:`.padEnd(10)}${safeLine(markInvisible(v!))}`);
  for (const note of state.notes) lines.push(`${'Note:'.padEnd(10)}${safeLine(note.day)}  ${safeLine(note.text)}`);
  const text = anonymised ? state.anonymised!.story : t.story;
  // Invisible characters can hide a place from a reader and from a detector: flag and show them.
  const hidden = countInvisible(`${title ?? ''}${text}`);
  if (hidden > 0) lines.push(`${'Warning:'.padEnd(10)}${plural(hidden, 'invisible character')} (shown as [U+…]); export removes them`);
  const heading = anonymised ? '--- anonymised story ---' : '--- story as sent ---';
  return `${lines.join('\n')}\n\n${heading}\n${safeText(markInvisible(text))}\n`;
}

export async function runShow(ctx: CommandContext): Promise<void> {
  const anonymised = ctx.options.anonymised === true;
  const attachmentsDir = ctx.options.attachments as string | undefined;
  const { output, written } = await withEditor(ctx, { createVault: false }, async (editor) => {
    const story = loadReviewedStory(editor, ctx.args[0]!);
    if (anonymised && !story.state.anonymised) throw new CliError(`story ${shortId(story.row.id)} has not been anonymised yet (run \`sotto-review anonymise ${shortId(story.row.id)}\`)`);
    const conversation = await conversationOf(ctx, editor, story);
    const written = attachmentsDir === undefined ? [] : writeAttachments(editor, story.row.id, story.story.testimony, attachmentsDir);
    if (ctx.options.json) return { output: `${safeJson(asJson(story, conversation))}\n`, written };
    const hint = '--- conversation with the author ---\n(pass --server URL, or set SOTTO_SERVER, to fetch replies and answers)\n';
    return { output: `${asText(story, anonymised)}\n${conversation ? conversationText(conversation) : hint}`, written };
  });
  await write(ctx.io.stdout, output);
  // On stderr, so that --json output stays one document.
  if (written.length > 0) await write(ctx.io.stderr, `Wrote ${written.length === 1 ? 'one picture' : `${written.length} pictures`}, checked for metadata: ${written.map(safeLine).join(', ')}\n`);
}
