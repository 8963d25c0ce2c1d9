// The status view (/#status), in status.js, loaded when the view is opened (status-contract.ts):
// the receipt code is checked locally, then only the token derived from it is sent
// (crypto/receipt.ts). Withdrawing asks for confirmation first. For a story the editors may write
// about, the conversation follows (replies-view.ts).

import { b64uEncode } from '../crypto/bytes.ts';
import { EDITOR_STATUSES, RECEIPT_STATUSES, type ReceiptStatus } from '../crypto/contract.ts';
import { deriveReceipt, parseReceiptCode } from '../crypto/receipt.ts';
import { NetworkError, postJson as post } from './api.ts';
import { byId } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import { mountReplies } from './replies-view.ts';
import type { StatusView, StatusViewDeps } from './status-contract.ts';

type Status = ReceiptStatus;
/** An editor's status can still be withdrawn; `withdrawn` and `unknown` cannot. */
const WITHDRAWABLE: readonly Status[] = EDITOR_STATUSES;

export function setupStatusView({ setMessage, editors }: StatusViewDeps): StatusView {
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

  const showStatus = (status: Status | null): void => {
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
        // A story the editors may write about: its conversation, with the code typed just now
        // (replies-view.ts closes it when the status changes or the view is left).
        if (WITHDRAWABLE.includes(status)) mountReplies({ result, ...secrets, editors });
        return;
      }
      if (answer.status === 503 || answer.status === 429) failure = 'errorBusy';
    } catch (e) {
      if (e instanceof NetworkError) failure = 'errorNetwork';
    }
    showStatus(null);
    setMessage(error, failure);
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
