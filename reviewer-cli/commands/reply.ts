// `reply ID`: a reply to a story's author (SECURITY.md §4 "Replies and answers"), typed at a
// prompt or piped in — never given on the command line. It is shown before it goes, sealed on
// this computer to the author's reply key (from the testimony) and to every editor, signed with
// the editor's key so the others see who wrote it, and uploaded through the signed editor API.

import { b64uDecode } from '../../crypto/bytes.ts';
import { MESSAGE_TEXT_MAX_BYTES, messageTextFits } from '../../crypto/message.ts';
import { sealReply } from '../../crypto/message-reply.ts';
import { replyRecipients } from '../conversation.ts';
import { CliError } from '../errors.ts';
import { write, type CommandContext } from '../io.ts';
import { loadReviewedStory, type ReviewedStory } from '../reviewed-story.ts';
import { EditorClient } from '../server-client.ts';
import { withEditor, type Editor } from '../session.ts';
import type { EditorPublicKey } from '../../crypto/public-key.ts';
import { shortId } from '../short-id.ts';
import { safeText } from '../terminal.ts';
import { promptLine, promptLines, readAll } from '../text-input.ts';

/** Seals `text` to the story's author and to `editors`, signed by this editor, and posts it.
 * Throws CliError when the server takes no reply for the story. Shared with `review`. */
export async function sendReply(editor: Editor, client: EditorClient, { row, story }: Pick<ReviewedStory, 'row' | 'story'>, text: string, editors: readonly EditorPublicKey[]): Promise<void> {
  const id = shortId(row.id);
  const envelope = sealReply(b64uDecode(row.id), text, { x25519PublicKey: editor.identity.x25519.publicKey, ed25519Seed: editor.identity.ed25519.secretKey }, {
    editorX25519PublicKeys: editors.map((k) => k.x25519),
    authorReplyKey: b64uDecode(story.testimony.replyKey),
  });
  const outcome = await client.postReply(row.id, envelope);
  if (outcome === 'unknown') throw new CliError(`the server no longer knows story ${id} (retention removed it); nothing was sent`);
  if (outcome === 'withdrawn') throw new CliError(`story ${id} was withdrawn by its author: the server took no reply`);
  if (outcome === 'full') throw new CliError(`the conversation of story ${id} is full (the server keeps 24 messages a story); nothing was sent`);
}

/** The reply as sent: line ends made plain, trailing space dropped; refused when it cannot be sent. */
export function cleanReply(raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  if (text.trim() === '') throw new CliError('the reply is empty; nothing was sent');
  if (!messageTextFits(text)) {
    throw new CliError(`the reply is ${Buffer.byteLength(text)} bytes; at most ${MESSAGE_TEXT_MAX_BYTES} fit in one message (about 2,000 Cyrillic or 4,000 Latin letters). Nothing was sent`);
  }
  return text;
}

export async function runReply(ctx: CommandContext): Promise<void> {
  const { io } = ctx;
  const sent = await withEditor(ctx, { createVault: false }, async (editor) => {
    const { row, story } = loadReviewedStory(editor, ctx.args[0]!);
    const id = shortId(row.id);
    if (row.withdrawn) throw new CliError(`story ${id} was withdrawn by its author: it takes no replies`);
    const client = new EditorClient(ctx.settings.server!, editor.identity.ed25519.secretKey, editor.keyIdHex);
    const editors = await replyRecipients(client, editor.vault, editor.keyIdHex, (line) => write(io.stderr, `${line}\n`));

    const raw = io.stdin.isTTY
      ? await promptLines(io, `Your reply to the author of story ${id} (end it with a line holding only "."):\n`)
      : await readAll(io, 4 * MESSAGE_TEXT_MAX_BYTES, 'reply');
    const text = cleanReply(raw);
    await write(io.stderr, `\nThis reply goes to the author of story ${id}, and every editor (${editors.length}) can read it too:\n${safeText(text).replace(/^/gm, '  ')}\n\n`);
    if (io.stdin.isTTY) {
      const answer = await promptLine(io, 'Send it? [y/N] ');
      if (!/^y(es)?$/i.test(answer?.trim() ?? '')) return undefined;
    } else if (ctx.options.yes !== true) {
      throw new CliError('a reply read from a pipe is sent only with --yes (check the text above); nothing was sent');
    }

    await sendReply(editor, client, { row, story }, text, editors);
    return id;
  });
  await write(io.stdout, sent ? `Reply sent to the author of story ${sent}. They read it with their receipt code.\n` : 'Not sent.\n');
}
