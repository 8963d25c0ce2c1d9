// The wire vocabulary that every part of Sotto shares (docs/API.md): submission statuses, error
// codes, id/day/cursor patterns, story languages, the recipient limit. One home, so that the
// server, the page and the CLI cannot drift apart. Pure data: it imports nothing, so the page can
// take what it needs without weight (its constants are tree-shaken one by one).

/** What the server keeps per submission (docs/API.md "Receipts"). */
export const SUBMISSION_STATUSES = ['received', 'in_review', 'published', 'declined', 'withdrawn'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** What editors may set; `withdrawn` belongs to the submitter alone. */
export const EDITOR_STATUSES = ['received', 'in_review', 'published', 'declined'] as const;
export type EditorStatus = (typeof EDITOR_STATUSES)[number];

/** What a receipt lookup answers: a stored status, or `unknown` for a token nobody holds. */
export const RECEIPT_STATUSES = [...SUBMISSION_STATUSES, 'unknown'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/** Languages a story may be written in (the testimony's `language` field). Every one but "other"
 * is also a language of the submit page (submit-client/i18n.ts). The list only grows: documents
 * written with an older one must still read. */
export const STORY_LANGUAGES = [
  'ru', 'uk', 'en', 'fr', 'be', 'kk', 'ky', 'uz', 'tg', 'hy', 'ka', 'az', 'tt', 'de', 'es', 'pt', 'other',
] as const;
export type StoryLanguage = (typeof STORY_LANGUAGES)[number];

/** Recipients one envelope may carry, so editors in one key list (SECURITY.md §3). */
export const MAX_EDITORS = 16;

/** Length of base64url without padding (RFC 4648 §5) for `bytes` bytes. */
export function b64uLength(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}

/** A whole-string pattern for base64url of exactly `bytes` bytes (length only: decode to be strict). */
export function b64uPattern(bytes: number): RegExp {
  return new RegExp(`^[A-Za-z0-9_-]{${b64uLength(bytes)}}$`);
}

/** Submission ids, challenge ids and request nonces: 16 random bytes. */
export const ID_BYTES = 16;
export const ID_PATTERN = b64uPattern(ID_BYTES);

/** Envelopes per inbox page, and ids per acknowledgement, at most (docs/API.md): a pull's
 * throughput grows with the page, as each acknowledgement costs the server a few fsyncs however
 * small; the page's bytes are bounded separately by the server. */
export const INBOX_PAGE_MAX = 250;

/** The only date the server stores or sends: a UTC day (SECURITY.md §5). */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Every error the API answers, by code: `{"error": <sentence>, "code": <code>}` (docs/API.md).
 * Programs match the code; the sentence is for people and may change.
 */
export const API_ERRORS = {
  bad_request: [400, 'bad request'],
  wrong_content_type: [400, 'expected Content-Type: application/json'],
  malformed_json: [400, 'malformed JSON'],
  invalid_field: [400, 'invalid field'],
  invalid_query: [400, 'invalid query'],
  invalid_envelope: [400, 'envelope is not valid'],
  invalid_chunk: [400, 'chunk is not valid'],
  signature_required: [401, 'signature required'],
  unknown_editor: [401, 'unknown editor'],
  bad_signature: [401, 'bad signature'],
  request_expired: [401, 'request expired'],
  request_replayed: [401, 'request replayed'],
  challenge_expired: [403, 'challenge expired'],
  bad_proof_of_work: [403, 'proof of work is not valid'],
  not_found: [404, 'not found'],
  unknown_submission: [404, 'unknown submission'],
  unknown_upload: [404, 'unknown upload'],
  challenge_used: [409, 'challenge already used'],
  receipt_used: [409, 'receipt already used'],
  withdrawn: [409, 'withdrawn'],
  conversation_full: [409, 'conversation is full'],
  upload_incomplete: [409, 'upload incomplete'],
  too_large: [413, 'too large'],
  headers_too_large: [431, 'headers too large'],
  request_timeout: [408, 'request timeout'],
  internal: [500, 'internal error'],
  busy: [503, 'busy'],
  storage_full: [507, 'storage full'],
} as const satisfies Record<string, readonly [number, string]>;
export type ApiErrorCode = keyof typeof API_ERRORS;

/** The HTTP status and JSON body of the error `code`; `message` refines the table's sentence
 * (which field was invalid, say). */
export function apiError(code: ApiErrorCode, message?: string): { status: number; body: { error: string; code: ApiErrorCode } } {
  const [status, sentence] = API_ERRORS[code];
  return { status, body: { error: message ?? sentence, code } };
}

/** The `code` an error answer's JSON body claims (not looked up in the table, so the page does not
 * carry it): compare it with codes, never trust it further. */
export function apiErrorCodeOf(body: unknown): ApiErrorCode | undefined {
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (code as ApiErrorCode) : undefined;
}
