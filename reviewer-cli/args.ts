// Pure command-line parsing: argv and environment in, an Invocation out, or a UsageError.
// No I/O here, so the whole table of cases is tested without starting a process.

import { parseArgs } from 'node:util';
import { INBOX_PAGE_MAX } from '../crypto/contract.ts';
import { UsageError } from './errors.ts';
import { COMMANDS, GLOBAL_OPTIONS, REVIEW_STATUSES, findCommand, type CommandName, type CommandSpec, type NamedCommandSpec } from './spec.ts';

export type OptionValue = string | boolean | string[] | undefined;

/** Values shared by many commands, resolved from options first, then the environment. */
export interface Settings {
  vault: string;
  keyFile?: string;
  server?: string;
  passphraseFile?: string;
  debug: boolean;
}

export type Invocation =
  | { kind: 'help'; command?: string }
  | { kind: 'run'; command: CommandName; args: string[]; options: Record<string, OptionValue>; settings: Settings };

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_VAULT = 'sotto-vault';
const TWO_WORD = new Set(COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!));

function commandAt(argv: readonly string[]): { spec: NamedCommandSpec; rest: string[] } | { help: true } {
  const first = argv.findIndex((token) => !token.startsWith('-'));
  const leading = first < 0 ? argv : argv.slice(0, first);
  for (const token of leading) {
    if (!['--help', '-h', '--debug'].includes(token)) throw new UsageError(`unknown option "${token}" before the command`);
  }
  if (first < 0) return { help: true };
  const word = argv[first]!;
  if (word === 'help') {
    const topic = argv.slice(first + 1).filter((t) => !t.startsWith('-')).slice(0, 2).join(' ');
    const spec = findCommand(topic) ?? findCommand(topic.split(' ')[0]!);
    if (spec) return { spec, rest: ['--help'] };
    return { help: true };
  }
  let name = word;
  let consumed = 1;
  if (TWO_WORD.has(word)) {
    const sub = argv[first + 1];
    name = `${word} ${sub ?? ''}`;
    consumed = 2;
    if (!findCommand(name)) {
      const choices = COMMANDS.filter((c) => c.name.startsWith(`${word} `)).map((c) => `"${c.name}"`).join(', ');
      throw new UsageError(sub === undefined || sub.startsWith('-') ? `"${word}" needs a subcommand: ${choices}` : `unknown command "${name}"`, `${word}`);
    }
  }
  const spec = findCommand(name);
  if (!spec) throw new UsageError(`unknown command "${word}"`);
  return { spec, rest: [...leading, ...argv.slice(first + consumed)] };
}

/** Plain http is safe only where nothing can read the traffic on the way: this computer, or an
 * onion service (Tor encrypts end to end). Anywhere else, signed requests and envelopes would
 * travel readable and alterable. */
function plainHttpAllowed(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname) || /\.onion$/i.test(hostname);
}

function checkServerUrl(value: string, command: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--server must be a URL such as https://example.org, got "${value}"`, command);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('--server must start with https:// or http://', command);
  if (url.protocol === 'http:' && !plainHttpAllowed(url.hostname)) {
    throw new UsageError('--server must use https:// (plain http:// only for this computer or a .onion address)', command);
  }
  if (url.username || url.password || url.search || url.hash) throw new UsageError('--server must be a plain address without user, query or #', command);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function checkValues(spec: CommandSpec, options: Record<string, OptionValue>): void {
  const status = options.status;
  if (typeof status === 'string' && !(REVIEW_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(`--status must be one of ${REVIEW_STATUSES.join(', ')}`, spec.name);
  }
  const pageSize = options['page-size'];
  if (typeof pageSize === 'string' && !(/^[1-9][0-9]{0,2}$/.test(pageSize) && Number(pageSize) <= INBOX_PAGE_MAX)) {
    throw new UsageError(`--page-size must be a whole number from 1 to ${INBOX_PAGE_MAX}`, spec.name);
  }
  if ('out' in spec.options && (typeof options.out !== 'string' || options.out === '')) {
    throw new UsageError(`--out ${spec.options.out!.value} is required`, spec.name);
  }
  for (const tag of (options.tag as string[] | undefined) ?? []) {
    if (!/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u.test(tag)) {
      throw new UsageError(`tag "${tag}" must be 1-40 letters, digits, spaces, - or _`, spec.name);
    }
  }
}

/** Story ids are base64url, so one in 64 starts with "-" and node:util would read it as an
 * option. Tokens that start with "-" but are no option of the command are hidden from
 * parseArgs behind a placeholder and restored as positionals afterwards. */
function shieldDashArgs(spec: CommandSpec, tokens: readonly string[]): { tokens: string[]; restore: (p: string) => string } {
  if (spec.maxArgs === 0) return { tokens: [...tokens], restore: (p) => p };
  const all = { ...GLOBAL_OPTIONS, ...spec.options };
  const known = new Set([...Object.keys(all).map((n) => `--${n}`), '-h']);
  const shielded: string[] = [];
  const out: string[] = [];
  let rest = false;
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const isValue = previous !== undefined && !previous.includes('=') && all[previous.replace(/^--/, '')]?.type === 'string';
    if (token === '--') rest = true;
    if (!rest && !isValue && /^-[^\s]/.test(token) && token !== '--' && !known.has(token.split('=')[0]!)) {
      shielded.push(token);
      out.push(`\u0000${shielded.length - 1}`);
    } else out.push(token);
  });
  return { tokens: out, restore: (p) => (p.startsWith('\u0000') ? shielded[Number(p.slice(1))]! : p) };
}

/** Parses argv (without "node" and the script). Throws UsageError naming the command when known. */
export function parseCommandLine(argv: readonly string[], env: Env): Invocation {
  const found = commandAt(argv);
  if ('help' in found) return { kind: 'help' };
  const { spec, rest } = found;
  const optionSpecs = { ...GLOBAL_OPTIONS, ...spec.options };
  const shield = shieldDashArgs(spec, rest);
  let parsed: { values: Record<string, OptionValue>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: shield.tokens,
      options: Object.fromEntries(
        Object.entries(optionSpecs).map(([name, o]) => [name, { type: o.type, multiple: o.multiple ?? false, ...(name === 'help' ? { short: 'h' } : {}) }]),
      ),
      strict: true,
      allowPositionals: true,
    }) as { values: Record<string, OptionValue>; positionals: string[] };
  } catch (error) {
    const valueless = /^Option '--([\w-]+) <value>' argument missing/.exec((error as Error).message)?.[1];
    if (valueless) throw new UsageError(`--${valueless} needs a value: --${valueless} ${optionSpecs[valueless]?.value ?? 'VALUE'}`, spec.name);
    const unknown = /^Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    if (unknown) throw new UsageError(`unknown option "${unknown}"`, spec.name);
    // node:util's other messages are clear but long; keep the first sentence.
    throw new UsageError((error as Error).message.split('. ')[0]!.replace(/\.$/, ''), spec.name);
  }
  const values = parsed.values;
  const positionals = parsed.positionals.map(shield.restore);
  if (values.help) return { kind: 'help', command: spec.name };
  // One wording for everything missing: "FILE is required", "--out FILE is required".
  if (positionals.length < spec.minArgs) throw new UsageError(`${spec.args?.split(' ')[positionals.length] ?? 'an argument'} is required`, spec.name);
  if (positionals.length > spec.maxArgs) {
    const typo = positionals.find((p) => p.startsWith('--'));
    throw new UsageError(typo ? `unknown option "${typo}"` : `unexpected argument "${positionals[spec.maxArgs]}"`, spec.name);
  }
  checkValues(spec, values);

  const str = (name: string): string | undefined => (typeof values[name] === 'string' && values[name] !== '' ? (values[name] as string) : undefined);
  const settings: Settings = {
    vault: str('vault') ?? (env.SOTTO_VAULT || DEFAULT_VAULT),
    keyFile: str('key') ?? (env.SOTTO_KEY || undefined),
    server: str('server') ?? (env.SOTTO_SERVER || undefined),
    passphraseFile: str('passphrase-file'),
    debug: values.debug === true || env.SOTTO_DEBUG === '1',
  };
  if (spec.needs.key && !settings.keyFile) throw new UsageError('--key FILE is required (or set SOTTO_KEY)', spec.name);
  if (spec.needs.server && !settings.server) throw new UsageError('--server URL is required (or set SOTTO_SERVER)', spec.name);
  // A command that may go online (show, for the conversation) checks the address it was given too.
  if (settings.server && (spec.needs.server || 'server' in spec.options)) settings.server = checkServerUrl(settings.server, spec.name);
  else settings.server = undefined;
  return { kind: 'run', command: spec.name, args: positionals, options: values, settings };
}
