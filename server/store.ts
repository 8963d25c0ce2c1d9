// The storage seam: what the routes need from a place that
// keeps submissions, written once so a second engine (PostgreSQL for several server processes)
// implements the same promises. Every method is async; errors are the neutral classes below, never
// an engine's own codes, so routes map them to answers without knowing the engine.
//
// What is stored per submission (SECURITY.md §5), whatever the engine: the random id, the UTC day
// received, the receipt verifier, the status, the envelope until it is erased, and which
// configured editors still have to pull it; and a story's sealed attachments, which are erased
// with its envelope, on every path that erases it. Nothing records the order of arrival within a day.
//
// The test suite every engine must pass: test/server/store-contract.ts.

import type { EditorStatus, SubmissionStatus as Status } from '../crypto/contract.ts';

export type { EditorStatus, Status };

/** Bytes charged to the quota for a row beyond its envelope (id, day, verifier, status, index). */
export const ROW_OVERHEAD_BYTES = 128;

/** What one submission costs against the storage quota. */
export function chargeFor(envelopeBytes: number): number {
  return envelopeBytes + ROW_OVERHEAD_BYTES;
}

export interface NewSubmission {
  envelope: Uint8Array;
  verifier: Uint8Array;
  day: string;
  /** The upload (its id) whose attachments belong to this story: bound in the same commit. */
  upload?: Uint8Array;
}

/** 'upload-incomplete': the upload is unknown, expired, already bound or missing chunks; that
 * item alone is not stored. */
export type InsertResult = 'stored' | 'duplicate-receipt' | 'upload-incomplete';

/**
 * Attachments sent before their story (SECURITY.md §5 "Attachments"): `id` is the SHA-256 of the
 * upload token only the author's page holds; `files` are the sealed sizes
 * (crypto/attachment-format.ts). The quota is charged for all of it when the upload is made.
 */
export interface NewUpload {
  id: Uint8Array;
  day: string;
  files: readonly number[];
}

/** What an upload costs against the storage quota. */
export function uploadChargeFor(files: readonly number[]): number {
  return files.reduce((sum, bytes) => sum + bytes, ROW_OVERHEAD_BYTES);
}

export interface InboxItem {
  id: Uint8Array;
  day: string;
  envelope: Uint8Array;
  /** Sealed sizes of the story's attachments, in order (empty for none). */
  attachments: number[];
}

export interface InboxCursor {
  day: string;
  id: Uint8Array;
}

export interface InboxPage {
  items: InboxItem[];
  /** Envelopes still waiting for this editor after the page (for progress). */
  remaining: number;
  withdrawn: Uint8Array[];
}

export interface InboxRequest {
  limit: number;
  /** Beyond the first item, at most this many envelope bytes per page. */
  maxBytes: number;
  cursor: InboxCursor | undefined;
}

/** One record of the team log (docs/API.md "Team log"): ciphertext sealed to the editors and
 * signed inside by its author; the server knows only its position and the day it arrived. */
export interface TeamRecord {
  seq: number;
  day: string;
  record: Uint8Array;
}

/** What the team log may hold in all, so editors cannot fill the disk with it. */
export const MAX_TEAM_LOG_BYTES = 64 * 1024 * 1024;
/** One message of a story's conversation (crypto/message.ts): `seq` orders it within its story
 * (1, 2, …); nothing orders messages of different stories within a day. */
export interface StoredMessage {
  story: Uint8Array;
  seq: number;
  day: string;
  envelope: Uint8Array;
}

/** Which story a message belongs to: by id (editors) or by receipt verifier (the author). */
export type StoryRef = { id: Uint8Array } | { verifier: Uint8Array };

export interface NewMessage {
  day: string;
  envelope: Uint8Array;
  /** The most messages a story may hold; one more is refused ('conversation-full'). */
  maxMessages: number;
}

export type AddMessageResult = 'stored' | 'unknown' | 'withdrawn' | 'conversation-full';

export interface MessagesRequest {
  /** Messages of this day and later. */
  sinceDay: string;
  /** The position after the last message of the previous page: (day, story, seq). */
  after: { day: string; story: Uint8Array; seq: number } | undefined;
  limit: number;
}

export interface FormerEditor {
  /** Key id, hex. */
  editor: string;
  waiting: number;
  sinceDay: string;
}

/** The disk or the database is full: nothing was written (507). */
export class StoreFullError extends Error {
  constructor() {
    super('storage full');
    this.name = 'StoreFullError';
  }
}

/** The store cannot keep its promise that what it accepts survives (e.g. its files were deleted
 * under it): nothing was written, try later (503). */
export class StoreUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'StoreUnavailableError';
  }
}

/** The database cannot be used as it is: written by a newer Sotto, another program's, or damaged.
 * Refused at open, changing nothing. */
export class StoreVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreVersionError';
  }
}

export interface SubmissionStore {
  /** Bytes charged against the quota (see chargeFor), across every process sharing the store. */
  usedBytes(): Promise<number>;

  /**
   * Stores a batch durably (one commit). A duplicate receipt verifier fails that item only.
   * Returns one result per item, in order. Throws StoreFullError or StoreUnavailableError and
   * stores nothing if the commit itself fails.
   */
  insertBatch(items: readonly NewSubmission[]): Promise<InsertResult[]>;

  statusOf(verifier: Uint8Array): Promise<Status | undefined>;

  /** Erases the envelope and every message, and sets `withdrawn` (idempotent); works on a full
   * disk. Undefined for an unknown verifier. */
  withdraw(verifier: Uint8Array): Promise<Status | undefined>;

  /** Envelopes waiting for `editor` (key id hex), ordered by (day, id), after the cursor. */
  inbox(editor: string, request: InboxRequest): Promise<InboxPage>;

  /** Records that `editor` has the envelopes; erases each one no configured editor still waits
   * for. Unknown or already erased ids are ignored. Works on a full disk. */
  acknowledge(editor: string, ids: readonly Uint8Array[]): Promise<{ acknowledged: number; erased: number }>;

  setStatus(id: Uint8Array, status: EditorStatus): Promise<'ok' | 'unknown' | 'withdrawn'>;

  /** Adds a message to a story that exists and is not withdrawn, charged to the quota like an
   * envelope. Throws StoreFullError on a full disk. */
  addMessage(story: StoryRef, message: NewMessage): Promise<AddMessageResult>;

  /** A story's messages in `seq` order; empty for an unknown story. */
  messagesOf(story: StoryRef): Promise<StoredMessage[]>;

  /** Every story's messages from a day on, ordered by (day, story, seq), for editors' pull. */
  messagesSince(request: MessagesRequest): Promise<StoredMessage[]>;

  /**
   * Retention: envelopes received before `cutoffDay` that nobody has pulled are deleted with their
   * row (the receipt then honestly answers "unknown"); those some editor pulled lose their
   * envelope but keep their row and status. Team log records from before `cutoffDay` are deleted
   * too. Returns the number of envelopes erased.
   * row and messages (the receipt then honestly answers "unknown"); those some editor pulled lose
   * their envelope but keep their row and status; messages of any story written before
   * `cutoffDay` are deleted. Returns the number of envelopes erased.
   */
  applyRetention(cutoffDay: string): Promise<number>;

  /**
   * Editors no longer configured whom envelopes still wait for (they were sealed to them too).
   * Nothing of theirs is erased until the operator says so (forgetEditor). The first open that
   * finds one notes `today` as the day it left (sinceDay), for the grace period.
   */
  formerEditors(today: string): Promise<FormerEditor[]>;

  /** Stops waiting for a former editor: envelopes nobody else waits for are erased. Returns how
   * many. Throws for an editor still configured. */
  forgetEditor(editor: string): Promise<number>;

  /** Appends one record to the team log and returns its position; 'full' (nothing written) when
   * the log would grow past MAX_TEAM_LOG_BYTES. Positions only grow, and a reader paging with
   * teamLog never misses a record committed after it read (appends are serialised). */
  appendTeamRecord(record: Uint8Array, day: string): Promise<number | 'full'>;

  /** Team log records after position `after`, in order: at most `limit`, and beyond the first
   * at most `maxBytes` of records. */
  teamLog(after: number, limit: number, maxBytes: number): Promise<TeamRecord[]>;
  /** Records an upload, charging the quota, unless that would take the store past `limitBytes`. */
  createUpload(upload: NewUpload, limitBytes: number): Promise<'stored' | 'storage-full'>;

  /** The sealed sizes of an upload not yet bound to a story; undefined for any other id. */
  uploadFiles(id: Uint8Array): Promise<number[] | undefined>;

  /** Stores (or stores again, the same) chunk `chunk` of file `file` of an unbound upload. The
   * caller has checked its size. False when the upload is unknown or already bound. */
  putChunk(id: Uint8Array, file: number, chunk: number, bytes: Uint8Array): Promise<boolean>;

  /** A chunk of an attachment of a story `editor` has yet to pull; undefined otherwise. */
  attachmentChunk(editor: string, id: Uint8Array, file: number, chunk: number): Promise<Uint8Array | undefined>;

  /** Erases uploads made before `cutoffDay` that no story claimed. Returns how many. */
  expireUploads(cutoffDay: string): Promise<number>;

  /** One bounded step of background upkeep (compaction of freed space); short enough to run
   * between requests. Returns true while there is more to do. */
  maintain(): Promise<boolean>;

  close(): Promise<void>;
}

/**
 * Tokens that may be used once (spent proof-of-work solutions, editor request nonces). With
 * several server processes this must be shared, or a solution or signed request could be replayed
 * once per process: an engine for several processes implements it beside its SubmissionStore.
 */
export interface SpentTokens {
  /**
   * Identifies what this registry remembers. Challenges carry it, and one minted under another
   * scope is refused: it may have been spent where this registry cannot see (an in-memory
   * registry gets a fresh scope per process).
   */
  readonly scope: string;
  /** Unix seconds from which this registry has seen every claim: signed requests older than this
   * are refused, as their nonce may have been used before. */
  readonly rememberedSinceS: number;
  /** Claims `token` until `expiresAtS`: 'claimed' the first time, 'spent' after, 'full' when the
   * registry cannot remember more (the caller answers busy). */
  claim(token: string, expiresAtS: number, nowS: number): Promise<'claimed' | 'spent' | 'full'>;
}
