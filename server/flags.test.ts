import { describe, expect, it } from 'vitest';
import { applyFlags } from './flags.ts';

describe('applyFlags', () => {
  it.each([
    [['--port', '9000'], { SOTTO_PORT: '9000' }],
    [['--port=9000', '--data-dir', '/srv/sotto'], { SOTTO_PORT: '9000', SOTTO_DATA_DIR: '/srv/sotto' }],
    [['--editors=a=b.pub'], { SOTTO_EDITORS: 'a=b.pub' }],
    [[], {}],
  ])('%j', (args, expected) => {
    expect(applyFlags(args, { SOTTO_PORT: '1', OTHER: 'x' })).toEqual({ ok: true, env: { SOTTO_PORT: '1', OTHER: 'x', ...expected } });
  });

  it.each([
    [['--verbose'], 'unknown option --verbose'],
    [['--port'], '--port needs a value'],
    [['9000'], 'unknown option 9000'],
  ])('refuses %j in one line', (args, message) => {
    const result = applyFlags(args, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.startsWith(message)).toBe(true);
  });
});
