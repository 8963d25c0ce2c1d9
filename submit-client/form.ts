// The submit form: live character count, checks before sending, the progress bar, and a clear
// message for every failure. The story is never cleared unless the server confirmed it stored it.

import { newReceiptCode } from '../crypto/receipt.ts';
import { byId } from './dom.ts';
import { setMessage, type MessageKey, type UiLanguage } from './i18n.ts';
import { SendError, type Draft, type SendFailure, type SendStage } from './send.ts';

const FAILURE_MESSAGES: Record<SendFailure, MessageKey> = {
  network: 'errorNetwork',
  busy: 'errorBusy',
  'too-big': 'errorTooBig',
  expired: 'errorExpired',
  storage: 'errorStorage',
  failed: 'errorFailed',
};

const STAGE_MESSAGES: Record<SendStage, MessageKey> = { encrypt: 'stageEncrypt', work: 'stageWork', send: 'stageSend' };

export interface SubmitFormOptions {
  send(draft: Draft, receiptCode: string, onStage: (stage: SendStage, fraction?: number) => void): Promise<void>;
  onSent(receiptCode: string): void;
}

export interface SubmitForm {
  /** The story's language follows the page's until the person picks one. */
  followLanguage(lang: UiLanguage): void;
  clear(): void;
}

export function setupSubmitForm(options: SubmitFormOptions): SubmitForm {
  const form = byId<HTMLFormElement>('submit-form');
  const fields = byId<HTMLFieldSetElement>('submit-fields');
  const story = byId<HTMLTextAreaElement>('story');
  const count = byId('story-count');
  const title = byId<HTMLInputElement>('title');
  const language = byId<HTMLSelectElement>('language');
  const region = byId<HTMLSelectElement>('region');
  const contact = byId<HTMLInputElement>('contact');
  const consent = byId<HTMLInputElement>('consent');
  const submit = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const progress = byId('progress');
  const progressLabel = byId('progress-label');
  const progressBar = byId<HTMLProgressElement>('progress-bar');
  const error = byId('form-error');

  let languageChosen = false;
  let busy = false;
  // The receipt code of the last unsent attempt: resending the same draft reuses it, so a send
  // whose answer was lost is recognised by the server instead of being stored twice.
  let pending: { draft: string; code: string } | null = null;

  const updateCount = (): void => setMessage(count, 'storyCount', { count: story.value.length, max: story.maxLength });
  const showError = (key: MessageKey | null, focus?: HTMLElement): void => {
    setMessage(error, key);
    focus?.focus();
  };
  const showStage = (stage: SendStage, fraction?: number): void => {
    progress.hidden = false;
    if (progressLabel.dataset.i18n !== STAGE_MESSAGES[stage]) setMessage(progressLabel, STAGE_MESSAGES[stage]);
    if (fraction === undefined) progressBar.removeAttribute('value');
    else progressBar.value = fraction;
  };
  const readDraft = (): Draft => {
    const draft: Draft = { story: story.value, language: language.value as Draft['language'] };
    if (title.value.trim()) draft.title = title.value.trim();
    if (region.value) draft.region = region.value as NonNullable<Draft['region']>;
    if (contact.value.trim()) draft.contact = contact.value.trim();
    return draft;
  };

  story.addEventListener('input', updateCount);
  language.addEventListener('change', () => (languageChosen = true));
  [story, consent].forEach((field) => field.addEventListener('input', () => field.removeAttribute('aria-invalid')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    if (!story.value.trim()) {
      story.setAttribute('aria-invalid', 'true');
      return showError('errorStoryRequired', story);
    }
    if (!consent.checked) {
      consent.setAttribute('aria-invalid', 'true');
      return showError('errorConsentRequired', consent);
    }
    showError(null);
    const draft = readDraft();
    const key = JSON.stringify(draft);
    if (pending?.draft !== key) pending = { draft: key, code: newReceiptCode() };
    const code = pending.code;
    busy = true;
    fields.disabled = true;
    options
      .send(draft, code, showStage)
      .then(() => {
        pending = null;
        clear();
        options.onSent(code);
      })
      .catch((failure: unknown) => {
        showError(FAILURE_MESSAGES[failure instanceof SendError ? failure.reason : 'failed']);
      })
      .finally(() => {
        busy = false;
        fields.disabled = false;
        progress.hidden = true;
        setMessage(progressLabel, null);
        if (error.textContent) submit.focus();
      });
  });

  function clear(): void {
    const lang = language.value;
    form.reset();
    language.value = lang;
    updateCount();
    showError(null);
  }

  fields.disabled = false;
  updateCount();
  return {
    followLanguage(lang) {
      if (!languageChosen) language.value = lang;
    },
    clear,
  };
}
