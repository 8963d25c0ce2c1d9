// What app.js and the lazily loaded status view (status.js: submit-client/status-main.ts, with
// status-view.ts and replies-view.ts) hand each other: types and names only, so neither bundle
// carries the other's code. The status view is loaded when the person opens it (SECURITY.md §8):
// every visitor pays only for the loader.

import type { setMessage } from './i18n.ts';

export interface StatusView {
  prefill(code: string): void;
  clear(): void;
}

export interface StatusViewDeps {
  /** app.js's own setMessage: texts follow the page's language as it switches. */
  setMessage: typeof setMessage;
  /** The editors' X25519 public keys, as the page seals stories to them (answers go to them too). */
  editors: readonly Uint8Array[];
}

export type SetupStatusView = (deps: StatusViewDeps) => StatusView;

export const STATUS_FILE = 'status.js';
export const STATUS_EXPORT = 'sottoStatus';
