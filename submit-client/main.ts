// The submit page's entry point: wires the language, the views, the form, the send flow and the
// quick exit together. Everything here runs in the page; proof of work runs in pow-worker.ts.

import { postJson } from './api.ts';
import { byId } from './dom.ts';
import { editorKeys, showKeySetFingerprint } from './editors.ts';
import { DEFAULT_LANGUAGE, addMessages, applyLanguage, isUiLanguage, pickLanguage, setMessage, startLanguage, type Messages, type UiLanguage } from './i18n.ts';
import { setupSubmitForm } from './form.ts';
import { solveInWorker } from './pow-client.ts';
import { setupQuickExit } from './quick-exit.ts';
import { setupReceiptView } from './receipt-view.ts';
import { loadPinnedScript } from './lazy-script.ts';
import { PICTURES_EXPORT, PICTURES_FILE, type MountPictures, type PicturesView } from './pictures-contract.ts';
import { sendTestimony } from './send.ts';
import { STATUS_EXPORT, STATUS_FILE, type SetupStatusView, type StatusView } from './status-contract.ts';
import { loadMessages, readRussian } from './translations.ts';
import { currentView, showView, viewFromHash } from './views.ts';

// First, while the page is still exactly as served: it shows Russian, whose texts it reads back.
startLanguage(DEFAULT_LANGUAGE, readRussian(document));

const editors = editorKeys();
const recipients = editors.map((key) => key.x25519);
showKeySetFingerprint(document, editors);
const receipt = setupReceiptView();
/** The status view, loaded when first opened; a failed load is tried again at the next opening. */
let statusView: Promise<StatusView> | undefined;
const openStatus = (): Promise<StatusView> => {
  statusView ??= loadPinnedScript<SetupStatusView>(STATUS_FILE, STATUS_EXPORT).then((setup) => setup({ setMessage, addMessages, editors: recipients }));
  statusView.catch(() => {
    statusView = undefined;
    setMessage(byId('status-error'), 'errorFailed');
  });
  return statusView;
};
let lastCode = '';
/** The pictures view (pictures.js), once the person asked for it. */
let pictures: PicturesView | undefined;

byId('add-pictures').addEventListener('click', async () => {
  try {
    pictures ??= (await loadPinnedScript<MountPictures>(PICTURES_FILE, PICTURES_EXPORT))({ host: byId('pictures') });
    pictures.choose();
  } catch {
    setMessage(byId('form-error'), 'errorFailed');
  }
});

const form = setupSubmitForm({
  send: (draft, code, onStage) =>
    sendTestimony(draft, code, { post: postJson, solve: solveInWorker, recipients, onStage, pictures }),
  onSent(code) {
    lastCode = code;
    receipt.show(code);
    showView('receipt', true);
  },
});

const languageError = byId('lang-error');
/** The language last asked for: a slower answer for an earlier click must not override it. */
let wanted: UiLanguage | null = null;

async function setLanguage(lang: UiLanguage): Promise<void> {
  wanted = lang;
  setMessage(languageError, null);
  let messages: Messages;
  try {
    messages = await loadMessages(lang);
  } catch {
    // Offline, blocked or altered: the page stays in the language it shows, fully usable.
    if (wanted === lang) setMessage(languageError, 'errorLanguage');
    return;
  }
  if (wanted !== lang) return;
  applyLanguage(document, lang, messages);
  form.followLanguage(lang);
}

const languageMenu = byId<HTMLDetailsElement>('langs');
document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) => {
  button.addEventListener('click', () => {
    if (!isUiLanguage(button.dataset.lang)) return;
    void setLanguage(button.dataset.lang);
    // The menu folds away; focus goes back to its summary rather than to a hidden button.
    languageMenu.open = false;
    languageMenu.querySelector('summary')?.focus();
  });
});

addEventListener('hashchange', () => {
  const next = viewFromHash(location.hash);
  // Leaving the receipt: the code goes with the person to the status view, and off the page.
  if (next === 'status') {
    const code = currentView() === 'receipt' ? lastCode : '';
    void openStatus().then((status) => code && status.prefill(code));
  }
  if (currentView() === 'receipt') {
    receipt.clear();
    lastCode = '';
  }
  showView(next, true);
});

byId<HTMLButtonElement>('send-another').addEventListener('click', () => {
  receipt.clear();
  lastCode = '';
  showView('form', true);
});

setupQuickExit(byId<HTMLAnchorElement>('quick-exit'), () => {
  form.clear();
  void statusView?.then((status) => status.clear());
  receipt.clear();
});

void setLanguage(pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]));
showView(viewFromHash(location.hash), false);
if (currentView() === 'status') void openStatus();
