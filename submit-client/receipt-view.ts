// The receipt view: the code, large, with a copy button. The code is shown once; leaving the view
// removes it from the page.

import { byId } from './dom.ts';
import { setMessage } from './i18n.ts';

export interface ReceiptView {
  show(code: string): void;
  clear(): void;
}

export function setupReceiptView(): ReceiptView {
  const codeEl = document.querySelector<HTMLElement>('[data-receipt]')!;
  const copy = byId<HTMLButtonElement>('copy-receipt');
  const copied = byId('copy-done');

  // Without clipboard access (an insecure context, a refusal), select the code for Ctrl+C.
  const select = (): void => {
    const range = document.createRange();
    range.selectNodeContents(codeEl);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  };
  copy.addEventListener('click', () => {
    const code = codeEl.textContent ?? '';
    if (!navigator.clipboard) return select();
    navigator.clipboard.writeText(code).then(() => setMessage(copied, 'receiptCopied'), select);
  });

  return {
    show(code) {
      // <wbr> between groups lets the code wrap on a narrow screen without changing its text.
      codeEl.replaceChildren();
      code.split('-').forEach((group, i, groups) => {
        codeEl.append(i < groups.length - 1 ? `${group}-` : group);
        if (i < groups.length - 1) codeEl.append(document.createElement('wbr'));
      });
      setMessage(copied, null);
    },
    clear() {
      codeEl.replaceChildren();
      setMessage(copied, null);
    },
  };
}
