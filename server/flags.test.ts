import { describe, expect, it } from 'vitest';
import { applyFlags } from './flags.ts';

describe('applyFlags', () => {
  it.each([
    [['--port', '9000'], { SOTTO_PORT: '9000' }],
    [['--port=9000', '--data-dir', '/srv/sotto'], { SOTTO_PORT: '9000', SOTTO_DATA_DIR: '/srv/sotto' }],
    [['--editors=a=b.pub'], { SOTTO_EDITORS: 'a=b.pub' }],
    [[], {}],
  ])('%j', (args, expected) => {
    expect(applyFlags(args, { SOTTO_PORT: '1', OTHER: 'x' })).toEqual({ ok: true, env: { SOTTO_PORT: '1', OTHER: 'x', ...expected }, init: false, forgetEditors: [] });
  });

  it('takes --init and repeated --forget-editor as decisions for this start, not variables', () => {
    expect(applyFlags(['--init', '--forget-editor', '0123456789abcdef', '--forget-editor=fedcba9876543210'], {})).toEqual({
      ok: true,
      env: {},
      init: true,
      forgetEditors: ['0123456789abcdef', 'fedcba9876543210'],
    });
  });

  it.each([
    [['--verbose'], 'unknown option --verbose'],
    [['--forget-editor', 'Anna'], '--forget-editor needs an editor key id'],
    [['--forget-editor'], '--forget-editor needs a value'],
    [['--port'], '--port needs a value'],
    [['9000'], 'unknown option 9000'],
  ])('refuses %j in one line', (args, message) => {
    const result = applyFlags(args, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.startsWith(message)).toBe(true);
  });
});
