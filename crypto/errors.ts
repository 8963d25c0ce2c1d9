// Error types shared by the crypto layer. Messages are short and safe to show to a user.

/** The one error for every failure to open an envelope: wrong key, tampered bytes, bad padding
 * or a payload that does not parse. No offsets, no hints: an oracle must learn nothing. */
export class EnvelopeError extends Error {
  constructor() {
    super('could not open envelope');
    this.name = 'EnvelopeError';
  }
}

/** Malformed public input (a key line, an envelope's structure, a testimony document). The
 * message says what is wrong; it never contains secret material. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

/** A secret key file that cannot be unlocked. */
export class KeyFileError extends Error {
  constructor(message: 'wrong passphrase' | 'not a Sotto key file' | 'damaged key file' | string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

/** The one error for every failure to open an attachment (wrong key, tampered, truncated or
 * reordered chunks, a wrong size, bad padding): like EnvelopeError, it says nothing more. */
export class AttachmentError extends Error {
  constructor() {
    super('could not open attachment');
    this.name = 'AttachmentError';
  }
}
