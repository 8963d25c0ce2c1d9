// What app.js hands the lazily loaded replies view (replies.js, submit-client/replies-view.ts):
// types only, so neither bundle carries the other's code.

export interface RepliesInput {
  /** The status view's result line (its data-status says the status shown): the conversation goes
   * below the status view's controls and closes as soon as this line changes. */
  result: HTMLElement;
  /** The status token and the receipt's reply key pair (crypto/receipt.ts), from the code typed in this visit. */
  token: Uint8Array;
  reply: { publicKey: Uint8Array; secretKey: Uint8Array };
  /** The editors' X25519 public keys, as the page seals stories to them. */
  editors: readonly Uint8Array[];
}

/** Shows the conversation. It closes itself (off the page, key wiped) when the status line
 * changes (another check, a withdrawal, quick exit's clear) or the person leaves the status view. */
export type MountReplies = (input: RepliesInput) => void;

export const REPLIES_FILE = 'replies.js';
export const REPLIES_EXPORT = 'sottoReplies';
