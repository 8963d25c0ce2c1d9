import { describe, expect, it } from 'vitest';
import { INBOX_PAGE_MAX } from '../crypto/contract.ts';
import { parseCommandLine, type Env } from './args.ts';
import { UsageError } from './errors.ts';

const ENV: Env = {};
const KEY_ENV: Env = { SOTTO_KEY: '/k/editor.key' };

describe('parseCommandLine: accepted command lines', () => {
  const cases: { argv: string[]; env?: Env; expect: Record<string, unknown> }[] = [
    { argv: [], expect: { kind: 'help' } },
    { argv: ['--help'], expect: { kind: 'help' } },
    { argv: ['help', 'pull'], expect: { kind: 'help', command: 'pull' } },
    { argv: ['list', '--help'], expect: { kind: 'help', command: 'list' } },
    { argv: ['status', 'push', '-h'], expect: { kind: 'help', command: 'status push' } },
    { argv: ['keygen', '--out', 'me.key'], expect: { kind: 'run', command: 'keygen', options: expect.objectContaining({ out: 'me.key' }) } },
    { argv: ['list', '--key', 'a.key'], expect: { command: 'list', settings: expect.objectContaining({ keyFile: 'a.key', vault: 'sotto-vault' }) } },
    { argv: ['list'], env: { SOTTO_KEY: 'env.key', SOTTO_VAULT: '/v' }, expect: { settings: expect.objectContaining({ keyFile: 'env.key', vault: '/v' }) } },
    { argv: ['list', '--vault', '/x'], env: { SOTTO_KEY: 'k', SOTTO_VAULT: '/v' }, expect: { settings: expect.objectContaining({ vault: '/x' }) } },
    { argv: ['list', '--json', '--status', 'approved'], env: KEY_ENV, expect: { options: expect.objectContaining({ json: true, status: 'approved' }) } },
    { argv: ['show', 'AbCd1234'], env: KEY_ENV, expect: { command: 'show', args: ['AbCd1234'] } },
    // base64url ids may start with "-": still the ID, not an option
    { argv: ['show', '-mar25nIn8vUHHZSMg_BNw'], env: KEY_ENV, expect: { args: ['-mar25nIn8vUHHZSMg_BNw'] } },
    { argv: ['show', '--json', '--Ab3'], env: KEY_ENV, expect: { args: ['--Ab3'], options: expect.objectContaining({ json: true }) } },
    { argv: ['note', '-abc', 'call back -- later'], env: KEY_ENV, expect: { args: ['-abc', 'call back -- later'] } },
    // the note itself then comes from stdin, out of the shell history and `ps`
    { argv: ['note', 'abcd'], env: KEY_ENV, expect: { command: 'note', args: ['abcd'] } },
    { argv: ['note', 'abcd', '-'], env: KEY_ENV, expect: { command: 'note', args: ['abcd', '-'] } },
    { argv: ['approve', 'abcd', '--tag', 'family', '--tag', 'работа'], env: KEY_ENV, expect: { options: expect.objectContaining({ tag: ['family', 'работа'] }) } },
    { argv: ['export', '--out', 'site', 'abcd', 'efgh'], env: KEY_ENV, expect: { args: ['abcd', 'efgh'] } },
    { argv: ['pull', '--server', 'https://example.org/'], env: KEY_ENV, expect: { settings: expect.objectContaining({ server: 'https://example.org' }) } },
    { argv: ['pull'], env: { ...KEY_ENV, SOTTO_SERVER: 'http://abc.onion/sotto/' }, expect: { settings: expect.objectContaining({ server: 'http://abc.onion/sotto' }) } },
    { argv: ['pull', '--server', 'http://127.0.0.1:8787', '--page-size', String(INBOX_PAGE_MAX)], env: KEY_ENV, expect: { options: expect.objectContaining({ 'page-size': String(INBOX_PAGE_MAX) }) } },
    { argv: ['pull', '--server', 'http://localhost:8787'], env: KEY_ENV, expect: { settings: expect.objectContaining({ server: 'http://localhost:8787' }) } },
    { argv: ['pull', '--server', 'http://[::1]:8787'], env: KEY_ENV, expect: { settings: expect.objectContaining({ server: 'http://[::1]:8787' }) } },
    { argv: ['--debug', 'list'], env: KEY_ENV, expect: { settings: expect.objectContaining({ debug: true }) } },
    { argv: ['import', 'inbox.jsonl'], env: KEY_ENV, expect: { command: 'import', args: ['inbox.jsonl'] } },
    { argv: ['places', 'detect'], expect: { command: 'places detect', args: [] } },
  ];
  it.each(cases)('$argv', ({ argv, env, expect: expected }) => {
    expect(parseCommandLine(argv, env ?? ENV)).toMatchObject(expected);
  });
});

describe('parseCommandLine: usage errors', () => {
  const cases: { argv: string[]; env?: Env; message: RegExp; command?: string }[] = [
    { argv: ['frobnicate'], message: /unknown command "frobnicate"/ },
    { argv: ['--verbose', 'list'], message: /unknown option "--verbose" before the command/ },
    { argv: ['status'], message: /"status" needs a subcommand: "status push"/, command: 'status' },
    { argv: ['status', 'pull'], message: /unknown command "status pull"/ },
    { argv: ['keygen'], message: /--out FILE is required/, command: 'keygen' },
    { argv: ['list'], message: /--key FILE is required \(or set SOTTO_KEY\)/, command: 'list' },
    { argv: ['list', '--bogus'], env: KEY_ENV, message: /^unknown option "--bogus"$/, command: 'list' },
    { argv: ['list', '--status', 'maybe'], env: KEY_ENV, message: /--status must be one of/, command: 'list' },
    { argv: ['list', 'extra'], env: KEY_ENV, message: /unexpected argument "extra"/, command: 'list' },
    { argv: ['show'], env: KEY_ENV, message: /^ID is required$/, command: 'show' },
    { argv: ['show', 'a', 'b'], env: KEY_ENV, message: /unexpected argument "b"/, command: 'show' },
    { argv: ['show', '--jsno', 'abcd'], env: KEY_ENV, message: /unknown option "--jsno"/, command: 'show' },
    { argv: ['note'], env: KEY_ENV, message: /^ID is required$/, command: 'note' },
    { argv: ['pull'], env: KEY_ENV, message: /--server URL is required/, command: 'pull' },
    { argv: ['pull', '--server', 'example.org'], env: KEY_ENV, message: /--server must be a URL/, command: 'pull' },
    { argv: ['pull', '--server', 'ftp://example.org'], env: KEY_ENV, message: /https:\/\/ or http:\/\//, command: 'pull' },
    { argv: ['pull', '--server', 'http://example.org'], env: KEY_ENV, message: /must use https:\/\//, command: 'pull' },
    { argv: ['pull', '--server', 'http://onion.example.org'], env: KEY_ENV, message: /must use https:\/\//, command: 'pull' },
    { argv: ['pull', '--server', 'http://10.0.0.1:8787'], env: KEY_ENV, message: /must use https:\/\//, command: 'pull' },
    { argv: ['pull', '--server', 'https://u:p@example.org'], env: KEY_ENV, message: /plain address/, command: 'pull' },
    { argv: ['pull', '--server', 'https://e.org', '--page-size', '0'], env: KEY_ENV, message: /--page-size/, command: 'pull' },
    { argv: ['pull', '--server', 'https://e.org', '--page-size', String(INBOX_PAGE_MAX + 1)], env: KEY_ENV, message: /--page-size/, command: 'pull' },
    { argv: ['approve', 'abcd', '--tag', '<b>'], env: KEY_ENV, message: /tag "<b>"/, command: 'approve' },
    { argv: ['export'], env: KEY_ENV, message: /--out DIR is required/, command: 'export' },
    { argv: ['keygen', '--out'], message: /^--out needs a value: --out FILE$/, command: 'keygen' },
    { argv: ['import'], message: /^FILE is required$/, command: 'import' },
    { argv: ['export-inbox'], message: /^--out FILE is required$/, command: 'export-inbox' },
  ];
  it.each(cases)('$argv', ({ argv, env, message, command }) => {
    let error: unknown;
    try {
      parseCommandLine(argv, env ?? ENV);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    if (command) expect((error as UsageError).command).toBe(command);
  });
});
