// The entry of status.js, the status view loaded only when it is opened (status-contract.ts).

import { STATUS_EXPORT, type SetupStatusView } from './status-contract.ts';
import { setupStatusView } from './status-view.ts';

(self as unknown as Record<string, SetupStatusView>)[STATUS_EXPORT] = setupStatusView;
