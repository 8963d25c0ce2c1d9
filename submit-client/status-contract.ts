// What app.js and the lazily loaded status view (status.js: submit-client/status-main.ts, with
// status-view.ts and replies-view.ts) hand each other: types and names only, so neither bundle
// carries the other's code. The status view is loaded when the person opens it (SECURITY.md §8):
// every visitor pays only for the loader.

import type { addMessages, MessageKey, setMessage } from './i18n.ts';

/** The status view's own run-time texts: status.js brings them in every language (build.ts),
 * so neither app.js nor the language files the first load fetches carry them. */
export const STATUS_VIEW_KEYS = [
  'status_received', 'status_in_review', 'status_published', 'status_declined', 'status_withdrawn', 'status_unknown', 'errorReceiptInvalid',
] as const satisfies readonly MessageKey[];

export interface StatusView {
  prefill(code: string): void;
  clear(): void;
}

export interface StatusViewDeps {
  /** app.js's own setMessage: texts follow the page's language as it switches. */
  setMessage: typeof setMessage;
  /** app.js's own addMessages: the view adds its texts (STATUS_VIEW_KEYS) when it loads. */
  addMessages: typeof addMessages;
  /** The editors' X25519 public keys, as the page seals stories to them (answers go to them too). */
  editors: readonly Uint8Array[];
}

export type SetupStatusView = (deps: StatusViewDeps) => StatusView;

export const STATUS_FILE = 'status.js';
export const STATUS_EXPORT = 'sottoStatus';
