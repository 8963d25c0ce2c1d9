// The status view (/#status): the receipt code is checked locally, then only the token derived
// from it is sent (crypto/receipt.ts). Withdrawing asks for confirmation first.

import { b64uEncode, wipe } from '../crypto/bytes.ts';
import { EDITOR_STATUSES, RECEIPT_STATUSES, type ReceiptStatus } from '../crypto/contract.ts';
import { deriveReceipt, parseReceiptCode } from '../crypto/receipt.ts';
import { NetworkError, type ApiAnswer } from './api.ts';
import { byId } from './dom.ts';
import { editorKeys } from './editors.ts';
import { setMessage, type MessageKey } from './i18n.ts';
import { loadPinnedScript } from './lazy-script.ts';
import { REPLIES_EXPORT, REPLIES_FILE, type MountReplies } from './replies-contract.ts';

type Status = ReceiptStatus;
/** An editor's status can still be withdrawn; `withdrawn` and `unknown` cannot. */
const WITHDRAWABLE: readonly Status[] = EDITOR_STATUSES;

export interface StatusView {
  prefill(code: string): void;
  clear(): void;
}

export function setupStatusView(post: (path: string, body: unknown) => Promise<ApiAnswer>): StatusView {
  const form = byId<HTMLFormElement>('status-form');
  const fields = byId<HTMLFieldSetElement>('status-fields');
  const input = byId<HTMLInputElement>('receipt');
  const result = byId('status-result');
  const error = byId('status-error');
  const withdrawArea = byId('withdraw-area');
  const withdraw = byId<HTMLButtonElement>('withdraw');
  const confirm = byId('withdraw-confirm');
  const yes = byId<HTMLButtonElement>('withdraw-yes');
  const no = byId<HTMLButtonElement>('withdraw-no');

  /** Closes the conversation (replies-view.ts), if one is open: off the page, key wiped. */
  let closeReplies = (): void => {};
  /** Counts status changes, so a conversation that loads late opens only if none came since. */
  let shown = 0;
  const showStatus = (status: Status | null): void => {
    shown++;
    closeReplies();
    closeReplies = () => {};
    result.dataset.status = status ?? '';
    setMessage(result, status && (`status_${status}` as MessageKey));
    withdrawArea.hidden = !status || !WITHDRAWABLE.includes(status);
    confirm.hidden = true;
  };

  async function ask(action: 'status' | 'withdraw'): Promise<void> {
    setMessage(error, null);
    const parsed = parseReceiptCode(input.value);
    if (!parsed.ok) {
      showStatus(null);
      input.setAttribute('aria-invalid', 'true');
      setMessage(error, 'errorReceiptInvalid');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    const secrets = deriveReceipt(parsed.ikm);
    const token = b64uEncode(secrets.token);
    let failure: MessageKey = 'errorFailed';
    try {
      const answer = await post('/api/v1/receipts/status', { token, action });
      const status = (answer.body as { status?: unknown } | null)?.status as Status;
      if (answer.status === 200 && RECEIPT_STATUSES.includes(status)) {
        showStatus(status);
        // A story the editors may write about: its conversation, with the code typed just now.
        if (WITHDRAWABLE.includes(status)) void openConversation(secrets);
        return;
      }
      if (answer.status === 503 || answer.status === 429) failure = 'errorBusy';
    } catch (e) {
      if (e instanceof NetworkError) failure = 'errorNetwork';
    }
    showStatus(null);
    setMessage(error, failure);
  }

  async function openConversation(secrets: ReturnType<typeof deriveReceipt>): Promise<void> {
    const opened = shown;
    try {
      const mount = await loadPinnedScript<MountReplies>(REPLIES_FILE, REPLIES_EXPORT);
      // Still the status it was opened for (not cleared or asked again meanwhile).
      if (shown === opened) return void (closeReplies = mount({ host: withdrawArea, ...secrets, editors: editorKeys().map((k) => k.x25519) }));
    } catch {
      setMessage(error, 'errorFailed');
    }
    wipe(secrets.reply.secretKey);
  }

  const run = (action: 'status' | 'withdraw'): void => {
    fields.disabled = true;
    void ask(action).finally(() => (fields.disabled = false));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run('status');
  });
  withdraw.addEventListener('click', () => {
    confirm.hidden = false;
    no.focus();
  });
  no.addEventListener('click', () => {
    confirm.hidden = true;
    withdraw.focus();
  });
  yes.addEventListener('click', () => run('withdraw'));

  fields.disabled = false;
  return {
    prefill(code) {
      input.value = code;
    },
    clear() {
      form.reset();
      showStatus(null);
      setMessage(error, null);
    },
  };
}
