// What app.js hands the lazily loaded replies view (replies.js, submit-client/replies-view.ts):
// types only, so neither bundle carries the other's code.

export interface RepliesInput {
  /** Where the view goes: it adds its own elements and removes them when closed. */
  host: HTMLElement;
  /** The status token and the receipt's reply key pair (crypto/receipt.ts), from the code typed in this visit. */
  token: Uint8Array;
  reply: { publicKey: Uint8Array; secretKey: Uint8Array };
  /** The editors' X25519 public keys, as the page seals stories to them. */
  editors: readonly Uint8Array[];
}

/** Shows the conversation; the function it returns removes it and wipes the key. */
export type MountReplies = (input: RepliesInput) => () => void;

export const REPLIES_FILE = 'replies.js';
export const REPLIES_EXPORT = 'sottoReplies';
