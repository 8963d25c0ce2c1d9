// Two different envelopes under one story id: one of them is not what the author sent. Neither
// is trusted: the story keeps both copies, is refused for review and export, and the editor is
// told (SECURITY.md §6 "The authenticated vault").

import { plural } from './format.ts';

export function quarantineWarning(source: string, ids: readonly string[]): string {
  return [
    `WARNING: ${source} sent a different envelope for ${plural(ids.length, 'story')} already in your vault: ${ids.join(', ')}.`,
    'Both copies are quarantined: neither is shown, reviewed or exported. One of them is not what the author sent.',
    'Ask the other editors which copy they hold; `sotto-review dismiss ID` sets such a story aside for good.',
    '',
  ].join('\n');
}
