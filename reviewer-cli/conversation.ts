// A story's conversation with its author (SECURITY.md §4 "Replies and answers"): who the reply is
// sealed to, and the messages opened and printed with who wrote each. Opened in memory only;
// nothing of it is written to the vault or anywhere else.

import { b64uDecode, equalBytes } from '../crypto/bytes.ts';
import { EnvelopeError } from '../crypto/errors.ts';
import type { Identity } from '../crypto/identity.ts';
import { replySignedBy } from '../crypto/message-reply.ts';
import { openMessageSodium } from '../crypto/message-seal.ts';
import { fingerprint, parseKeyList, type EditorPublicKey } from '../crypto/public-key.ts';
import type { Sodium } from '../crypto/sodium.ts';
import { acceptedEditors } from './editor-set.ts';
import { CliError } from './errors.ts';
import type { EditorClient, ServerMessage } from './server-client.ts';
import { safeLine, safeText } from './terminal.ts';
import type { Vault } from './vault.ts';

/**
 * The editors a message must be sealed to: the server's list (it refuses anything else), checked
 * against the editor set this vault accepted. A key outside it could read the reply, so it is
 * refused; with no set accepted yet, only the editor's own key is known, and `warn` says so.
 */
export async function replyRecipients(client: EditorClient, vault: Vault, ownKeyIdHex: string, warn: (line: string) => Promise<void>): Promise<EditorPublicKey[]> {
  let keys: EditorPublicKey[];
  try {
    keys = parseKeyList((await client.editorLines()).join('\n'));
  } catch {
    throw new CliError('the server lists editor keys sotto-review cannot read; nothing was sent');
  }
  if (!keys.some((k) => k.keyIdHex === ownKeyIdHex)) throw new CliError('your key is not among the server\'s editors; nothing was sent');
  const accepted = acceptedEditors(vault);
  const outside = keys.filter((k) => k.keyIdHex !== ownKeyIdHex && !accepted.some((a) => a.keyIdHex === k.keyIdHex));
  if (outside.length > 0 && accepted.length > 0) {
    throw new CliError(
      `the server seals to ${outside.length === 1 ? 'a key' : 'keys'} outside your accepted editor set (${outside.map((k) => k.keyIdHex).join(', ')}): ` +
        'whoever holds it could read your reply. Nothing was sent; check the key list with your team (`sotto-review editors`).',
    );
  }
  if (outside.length > 0) await warn(`Note: no editor set accepted yet; the reply is also sealed to ${outside.map((k) => `key id ${k.keyIdHex}`).join(', ')} (see \`sotto-review editors --help\`).`);
  return keys;
}

export interface ConversationEntry {
  day: string;
  /** "author", or the writing editor as named in the key list, or a warning that it could not be checked. */
  from: string;
  text: string;
}

/** Who wrote a reply, as far as its signature shows. */
function writerOf(message: { editorKeyId: Uint8Array }, verified: EditorPublicKey | undefined, claimed: EditorPublicKey | undefined): string {
  if (verified) return `editor ${verified.label ? `${safeLine(verified.label)} ` : ''}(${fingerprint(verified).slice(0, 14)}…)`;
  if (claimed) return `UNVERIFIED: claims to be editor key id ${claimed.keyIdHex} but the signature does not match`;
  return `editor with a key not in your editor set (key id ${Buffer.from(message.editorKeyId).toString('hex')}), signature not checked`;
}

/** Opens every message with the editor's key. One that does not open is shown as such. */
export function openConversation(sodium: Sodium, identity: Identity, storyId: string, messages: readonly ServerMessage[], editors: readonly EditorPublicKey[]): ConversationEntry[] {
  const key = { x25519PublicKey: identity.x25519.publicKey, x25519SecretKey: identity.x25519.secretKey };
  const story = b64uDecode(storyId);
  return messages.map((m) => {
    let message;
    try {
      message = openMessageSodium(sodium, m.envelope, key);
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      return { day: m.day, from: 'unknown', text: '(this message could not be opened with your key)' };
    }
    if (message.kind === 'answer') return { day: m.day, from: 'author', text: message.text };
    const claimed = editors.find((e) => equalBytes(e.keyId, message.editorKeyId));
    const verified = claimed && replySignedBy(message, story, claimed.ed25519) ? claimed : undefined;
    return { day: m.day, from: writerOf(message, verified, claimed), text: message.text };
  });
}

export function conversationText(entries: readonly ConversationEntry[]): string {
  if (entries.length === 0) return '--- conversation with the author ---\n(no messages yet)\n';
  const blocks = entries.map((e) => `${e.day}  ${e.from === 'author' ? 'the author answered' : `reply by ${e.from}`}:\n${safeText(e.text).replace(/^/gm, '  ')}`);
  return `--- conversation with the author ---\n${blocks.join('\n\n')}\n`;
}
