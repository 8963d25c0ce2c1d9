// The conversation with the editors (SECURITY.md §4 "Replies and answers"), loaded by the status
// view only after the author typed their receipt code in this visit (app.js loads this file,
// replies.js, pinned by its hash: submit-client/lazy-script.ts). Messages are fetched with the
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
import { REPLIES_EXPORT, type MountReplies, type RepliesInput } from './replies-contract.ts';
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

export const mountReplies: MountReplies = ({ host, token, reply, editors }: RepliesInput) => {
  let open = true;
  const key = { x25519PublicKey: reply.publicKey, x25519SecretKey: reply.secretKey };
  const section = document.createElement('section');
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
  host.after(section);

  const relabel = (): void => section.querySelectorAll<HTMLElement>('[data-replies-key]').forEach((el) => {
    if (el.dataset.repliesKey) el.textContent = text(el.dataset.repliesKey as RepliesKey, el.dataset.repliesDay);
  });
  const languageWatch = new MutationObserver(relabel);
  languageWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });

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

  return () => {
    open = false;
    languageWatch.disconnect();
    section.remove();
    wipe(reply.secretKey);
  };
};

(self as unknown as Record<string, unknown>)[REPLIES_EXPORT] = mountReplies;
