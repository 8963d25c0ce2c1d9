// The conversation with the editors (SECURITY.md §4 "Replies and answers"), opened by the status
// view (status.js, loaded only when that view is opened: status-contract.ts) once the author typed
// their receipt code in this visit and the story is known. Messages are fetched with the
// status token, opened here in pure JavaScript with the receipt's reply key and shown with their
// day only; an answer is sealed here to the editors (and the author's own key) and sent with a
// solved challenge. Nothing is stored: closing the view removes it from the page and wipes the key.

import { b64uDecode, b64uEncode, wipe } from '../crypto/bytes.ts';
import { apiErrorCodeOf } from '../crypto/contract.ts';
import { messageTextFits, type Message } from '../crypto/message.ts';
import { openMessageNoble, sealAnswer } from '../crypto/message-seal.ts';
import { postJson } from './api.ts';
import { isUiLanguage } from './i18n.ts';
import { solveInWorker } from './pow-client.ts';
import { REPLIES_TEXTS, type RepliesKey } from './replies-texts.ts';

function text(key: RepliesKey, day = ''): string {
  const lang = document.documentElement.lang;
  return REPLIES_TEXTS[isUiLanguage(lang) ? lang : 'ru'][key].replace('{day}', day);
}

/** An element whose text follows the page's language: `key` is kept on it and re-rendered. */
function labelled<K extends keyof HTMLElementTagNameMap>(tag: K, key: RepliesKey | '', day = ''): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setText(el, key, day);
  return el;
}

function setText(el: HTMLElement, key: RepliesKey | '', day = ''): void {
  el.dataset.repliesKey = key;
  el.dataset.repliesDay = day;
  el.textContent = key ? text(key, day) : '';
}

export interface RepliesInput {
  /** The status view's result line (its data-status says the status shown): the conversation goes
   * below the status view's controls and closes as soon as this line changes. */
  result: HTMLElement;
  /** The status token and the receipt's reply key pair (crypto/receipt.ts), from the code typed in this visit. */
  token: Uint8Array;
  reply: { publicKey: Uint8Array; secretKey: Uint8Array };
  /** The editors' X25519 public keys, as the page seals stories to them. */
  editors: readonly Uint8Array[];
}

/** A section still on the page from an earlier check. */
type Closable = HTMLElement & { closeReplies?: () => void };

/** Shows the conversation. It closes itself (off the page, key wiped) when the status line
 * changes (another check, a withdrawal, quick exit's clear) or the person leaves the status view. */
export function mountReplies({ result, token, reply, editors }: RepliesInput): void {
  (document.getElementById('replies') as Closable | null)?.closeReplies?.();
  let open = true;
  const key = { x25519PublicKey: reply.publicKey, x25519SecretKey: reply.secretKey };
  const section: Closable = document.createElement('section');
  section.className = 'replies';
  section.id = 'replies';
  const title = labelled('h2', 'title');
  const state = labelled('p', 'loading');
  state.setAttribute('role', 'status');
  const list = document.createElement('ol');
  list.className = 'replies-list';
  const form = document.createElement('form');
  form.id = 'answer-form';
  form.noValidate = true;
  const label = labelled('label', 'answerLabel');
  label.htmlFor = 'answer';
  const box = document.createElement('textarea');
  box.id = 'answer';
  box.rows = 5;
  const send = labelled('button', 'send');
  send.type = 'submit';
  send.className = 'primary';
  const outcome = labelled('p', '');
  outcome.id = 'answer-outcome';
  outcome.setAttribute('role', 'status');
  form.append(label, box, send, outcome);
  section.append(title, state, list, form);
  document.getElementById('withdraw-area')!.after(section);

  const relabel = (): void => section.querySelectorAll<HTMLElement>('[data-replies-key]').forEach((el) => {
    if (el.dataset.repliesKey) el.textContent = text(el.dataset.repliesKey as RepliesKey, el.dataset.repliesDay);
  });
  const languageWatch = new MutationObserver(relabel);
  languageWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  // Any new status (another code, a withdrawal, quick exit's clear) closes the conversation, and
  // so does leaving the status view.
  const statusWatch = new MutationObserver(() => close());
  statusWatch.observe(result, { attributes: true, attributeFilter: ['data-status'] });
  const onLeave = (): void => {
    if (location.hash !== '#status') close();
  };
  addEventListener('hashchange', onLeave);

  function show(messages: { day: string; message: Message }[]): void {
    list.replaceChildren(...messages.map(({ day, message }) => {
      const item = document.createElement('li');
      item.className = message.kind === 'reply' ? 'from-editors' : 'from-you';
      const body = document.createElement('p');
      body.className = 'replies-text';
      body.style.whiteSpace = 'pre-wrap';
      body.textContent = message.text;
      item.append(labelled('p', message.kind === 'reply' ? 'editors' : 'you', day), body);
      return item;
    }));
    setText(state, messages.length === 0 ? 'none' : '');
  }

  async function refresh(): Promise<void> {
    const answer = await postJson('/api/v1/receipts/messages', { token: b64uEncode(token) });
    const messages = (answer.body as { messages?: { day?: unknown; envelope?: unknown }[] } | null)?.messages;
    if (answer.status !== 200 || !Array.isArray(messages)) throw new Error('messages');
    const opened: { day: string; message: Message }[] = [];
    for (const m of messages) {
      if (typeof m.day !== 'string' || typeof m.envelope !== 'string') continue;
      try {
        opened.push({ day: m.day, message: openMessageNoble(b64uDecode(m.envelope), key) });
      } catch {
        // Not for this code (cannot happen for an honest server): shown as nothing.
      }
    }
    if (open) show(opened);
  }

  async function sendAnswer(value: string): Promise<RepliesKey> {
    const envelope = sealAnswer(value, { editorX25519PublicKeys: editors, authorReplyKey: reply.publicKey });
    const issued = await postJson('/api/v1/challenge', { envelopeBytes: envelope.length });
    const work = issued.body as { challenge?: unknown; difficulty?: unknown } | null;
    if (issued.status !== 200 || typeof work?.challenge !== 'string' || typeof work.difficulty !== 'number') return 'failed';
    const nonce = await solveInWorker(work.challenge, work.difficulty, () => {});
    const posted = await postJson('/api/v1/receipts/answer', { token: b64uEncode(token), envelope: b64uEncode(envelope), challenge: work.challenge, nonce });
    if (posted.status === 201) return 'sent';
    return apiErrorCodeOf(posted.body) === 'conversation_full' ? 'full' : 'failed';
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = box.value.replace(/\s+$/, '');
    if (value.trim() === '') return setText(outcome, 'empty');
    if (!messageTextFits(value)) return setText(outcome, 'tooLong');
    send.disabled = true;
    setText(outcome, 'sending');
    void sendAnswer(value)
      .then(async (result) => {
        if (!open) return;
        setText(outcome, result);
        if (result === 'sent') {
          box.value = '';
          await refresh();
        }
      })
      .catch(() => open && setText(outcome, 'failed'))
      .finally(() => (send.disabled = false));
  });

  void refresh().catch(() => open && setText(state, 'failed'));

  function close(): void {
    open = false;
    languageWatch.disconnect();
    statusWatch.disconnect();
    removeEventListener('hashchange', onLeave);
    section.remove();
    wipe(reply.secretKey);
  }
  section.closeReplies = close;
}
