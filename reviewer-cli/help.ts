// Help text, generated from the command table in spec.ts so it can never drift from parsing.

import { COMMANDS, GLOBAL_OPTIONS, findCommand, type OptionSpec } from './spec.ts';

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, o]) => [`--${name}${o.value ? ` ${o.value}` : ''}`, o.description] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

export function commandHelp(name: string): string {
  const spec = findCommand(name);
  if (!spec) return generalHelp();
  return [
    `Usage: sotto-review ${spec.name}${spec.args ? ` ${spec.args}` : ''} [options]`,
    '',
    `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
    ...(spec.details ?? []),
    '',
    'Options:',
    ...optionLines({ ...spec.options, ...GLOBAL_OPTIONS }),
    '',
  ].join('\n');
}

export function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length + (c.args ? c.args.length + 1 : 0)));
  return [
    'Usage: sotto-review COMMAND [options]   (sotto-review COMMAND --help for details)',
    '',
    'Read, anonymise and publish the stories sent to your Sotto server.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${`${c.name}${c.args ? ` ${c.args}` : ''}`.padEnd(width)}  ${c.summary}`),
    '',
    'Environment: SOTTO_VAULT, SOTTO_KEY, SOTTO_SERVER, SOTTO_PASSPHRASE (for scripts; prefer the prompt).',
    'Exit codes: 0 success, 1 failure (one line on stderr), 2 wrong usage.',
    '',
  ].join('\n');
}
