// Where a passphrase comes from, in order: --passphrase-file, the environment (for scripts and
// tests), or a prompt on the terminal that does not echo. Never from a command-line argument:
// those are visible to every user of the machine in the process list.

import { readFile } from 'node:fs/promises';
import { CliError } from './errors.ts';
import type { Io } from './io.ts';

export const MIN_PASSPHRASE_CHARS = 10;

export interface PassphraseSource {
  file?: string;
  envName: 'SOTTO_PASSPHRASE' | 'SOTTO_NEW_PASSPHRASE';
  prompt: string;
  /** Ask twice on a terminal (new passphrases). */
  confirm?: boolean;
}

/** Reads one line from the terminal without echoing it. Ctrl-C cancels. */
function promptHidden(io: Io, prompt: string): Promise<string> {
  const { stdin, stderr } = io;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (result: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      result();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(value));
        if (ch === '\u0003' || (ch === '\u0004' && value === '')) return finish(() => reject(new CliError('cancelled')));
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
      return undefined;
    };
    stderr.write(prompt);
    stdin.setEncoding('utf8');
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}

export async function readPassphrase(io: Io, source: PassphraseSource): Promise<string> {
  if (source.file) {
    let text: string;
    try {
      text = await readFile(source.file, 'utf8');
    } catch {
      throw new CliError(`cannot read the passphrase file ${source.file}`);
    }
    const passphrase = text.replace(/\r?\n$/, '');
    if (passphrase === '') throw new CliError(`the passphrase file ${source.file} is empty`);
    return passphrase;
  }
  const fromEnv = io.env[source.envName];
  if (fromEnv) return fromEnv;
  if (!io.stdin.isTTY || !io.stdin.setRawMode) {
    throw new CliError(`no passphrase: run this in a terminal, set ${source.envName}, or use --passphrase-file`);
  }
  const first = await promptHidden(io, source.prompt);
  if (source.confirm && (await promptHidden(io, 'Type it again: ')) !== first) throw new CliError('the two passphrases are different; nothing was changed');
  if (first === '') throw new CliError('no passphrase given');
  return first;
}

/** New passphrases protect a key that can read every story: refuse short ones. */
export function checkNewPassphrase(passphrase: string): void {
  if (Array.from(passphrase).length < MIN_PASSPHRASE_CHARS) {
    throw new CliError(`choose a passphrase of at least ${MIN_PASSPHRASE_CHARS} characters (four random words work well)`);
  }
}
