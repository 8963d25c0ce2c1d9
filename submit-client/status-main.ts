// The entry of status.js, the status view loaded only when it is opened (status-contract.ts).

import type { Messages, UiLanguage } from './i18n.ts';
import { STATUS_EXPORT, type SetupStatusView } from './status-contract.ts';
import { setupStatusView } from './status-view.ts';

/** STATUS_VIEW_KEYS in every language, written in by build.ts. */
declare const SOTTO_STATUS_TEXTS: Readonly<Record<UiLanguage, Partial<Messages>>>;

const setup: SetupStatusView = (deps) => {
  deps.addMessages(SOTTO_STATUS_TEXTS);
  return setupStatusView(deps);
};
(self as unknown as Record<string, SetupStatusView>)[STATUS_EXPORT] = setup;
