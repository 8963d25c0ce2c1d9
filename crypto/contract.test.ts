import { describe, expect, it } from 'vitest';
import { b64uEncode } from './bytes.ts';
import { API_ERRORS, EDITOR_STATUSES, ID_PATTERN, RECEIPT_STATUSES, SUBMISSION_STATUSES, apiError, apiErrorCodeOf, b64uLength, b64uPattern } from './contract.ts';

describe('the wire vocabulary (crypto/contract.ts)', () => {
  it('b64uLength and b64uPattern agree with the encoder for every length', () => {
    for (let bytes = 0; bytes <= 70; bytes++) {
      const text = b64uEncode(new Uint8Array(bytes).fill(0xfb));
      expect(text.length).toBe(b64uLength(bytes));
      expect(b64uPattern(bytes).test(text)).toBe(true);
      expect(b64uPattern(bytes).test(`${text}A`)).toBe(false);
    }
    expect(ID_PATTERN.test(b64uEncode(new Uint8Array(16)))).toBe(true);
    expect(ID_PATTERN.test(b64uEncode(new Uint8Array(15)))).toBe(false);
  });

  it('statuses nest: editor ⊂ submission ⊂ receipt', () => {
    for (const status of EDITOR_STATUSES) expect(SUBMISSION_STATUSES).toContain(status);
    for (const status of SUBMISSION_STATUSES) expect(RECEIPT_STATUSES).toContain(status);
    expect(EDITOR_STATUSES).not.toContain('withdrawn');
    expect(RECEIPT_STATUSES.at(-1)).toBe('unknown');
  });

  it('every error code is an HTTP error status with its own sentence', () => {
    const sentences = new Set<string>();
    for (const [code, [status, sentence]] of Object.entries(API_ERRORS)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(sentences.has(sentence), sentence).toBe(false);
      sentences.add(sentence);
    }
  });

  it('apiError builds the body the server sends; apiErrorCodeOf reads it back', () => {
    expect(apiError('challenge_expired')).toEqual({ status: 403, body: { error: 'challenge expired', code: 'challenge_expired' } });
    expect(apiError('invalid_field', 'invalid nonce').body).toEqual({ error: 'invalid nonce', code: 'invalid_field' });
    expect(apiErrorCodeOf(apiError('busy').body)).toBe('busy');
    expect(apiErrorCodeOf({ error: 'busy' })).toBeUndefined();
    expect(apiErrorCodeOf(null)).toBeUndefined();
  });
});
