import { describe, expect, it } from 'vitest';
import { DEFAULT_POW_DIFFICULTY, loadConfig } from './config.ts';
import { limitsFor } from './limits.ts';
import { envelopeSizeFor, maxEnvelopeBytes } from '../crypto/envelope-format.ts';

describe('loadConfig', () => {
  it('applies the documented defaults; empty values count as unset', () => {
    const result = loadConfig({ SOTTO_EDITORS: '', PATH: '/bin' });
    expect(result).toEqual({
      ok: true,
      config: {
        SOTTO_HOST: '127.0.0.1', SOTTO_PORT: 8787, SOTTO_DATA_DIR: './data',
        SOTTO_MAX_STORE_MB: 1024, SOTTO_POW_DIFFICULTY: DEFAULT_POW_DIFFICULTY, SOTTO_MAX_CONNECTIONS: 512,
        SOTTO_DISK_RESERVE_MB: 32, SOTTO_FORMER_EDITOR_DAYS: 30,
      },
    });
  });

  it.each([
    ['SOTTO_PORT', '80x'], ['SOTTO_PORT', '70000'], ['SOTTO_MAX_STORE_MB', '0'], ['SOTTO_RETENTION_DAYS', '1.5'],
    ['SOTTO_POW_DIFFICULTY', '40'], ['SOTTO_HOST', 'a host'], ['SOTTO_MAX_ENVELOPE_KB', '1'], ['SOTTO_MAX_CONNECTIONS', '2'], ['SOTTO_DATABASE_URL', 'mysql://db/sotto'],
    ['SOTTO_QUICK_EXIT_URL', 'http://example.org/'], ['SOTTO_QUICK_EXIT_URL', 'javascript:alert(1)'],
    ['SOTTO_QUICK_EXIT_URL', 'example.org'], ['SOTTO_QUICK_EXIT_URL', 'https://user:pw@example.org/'],
  ])('names the variable in one line for a bad %s', (name, value) => {
    const result = loadConfig({ [name]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message.startsWith(`invalid ${name}: `)).toBe(true);
      expect(result.message).not.toContain('\n');
    }
  });
});

describe('SOTTO_QUICK_EXIT_URL', () => {
  it('takes an https:// address', () => {
    const result = loadConfig({ SOTTO_QUICK_EXIT_URL: 'https://weather.example/today?city=1' });
    expect(result.ok && result.config.SOTTO_QUICK_EXIT_URL).toBe('https://weather.example/today?city=1');
  });
});

describe('limitsFor', () => {
  it('allows the largest payload the format allows, by default', () => {
    expect(limitsFor(3)).toMatchObject({ maxEnvelopeBytes: maxEnvelopeBytes(3), maxPayloadBytes: 1024 * 1024 });
  });

  it('derives the largest payload that fits a configured cap', () => {
    const limits = limitsFor(2, 64 * 1024);
    expect(limits.maxEnvelopeBytes).toBe(64 * 1024);
    expect(limits.maxPayloadBytes).toBe(32 * 1024 - 4);
    expect(envelopeSizeFor(limits.maxPayloadBytes, 2)).toBeLessThanOrEqual(64 * 1024);
    expect(limits.maxSubmissionBodyBytes).toBeGreaterThan((64 * 1024 * 4) / 3);
  });
});
