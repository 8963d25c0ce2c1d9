// runCli owns the process's outcome: it parses, runs one command, and turns every
// error into an exit code and one line on stderr. Commands only throw.

import { parseCommandLine } from './args.ts';
import { CliError, UsageError } from './errors.ts';
import { commandHelp, generalHelp } from './help.ts';
import { write, type CommandRunner, type Io } from './io.ts';
import { runAnonymise } from './commands/anonymise.ts';
import { runApprove } from './commands/approve.ts';
import { runBackup, runRestore } from './commands/backup.ts';
import { runDecisions } from './commands/decisions.ts';
import { runDismiss } from './commands/dismiss.ts';
import { runEditors } from './commands/editors.ts';
import { runExport } from './commands/export.ts';
import { runExportInbox } from './commands/export-inbox.ts';
import { runIllustrate } from './commands/illustrate.ts';
import { runImport } from './commands/import.ts';
import { runKeygen } from './commands/keygen.ts';
import { runList } from './commands/list.ts';
import { runNote } from './commands/note.ts';
import { runPasswd } from './commands/passwd.ts';
import { runPlacesDetectCommand } from './commands/places-detect.ts';
import { runPubkey } from './commands/pubkey.ts';
import { runPull } from './commands/pull.ts';
import { runPullKey } from './commands/pull-key.ts';
import { runReject } from './commands/reject.ts';
import { runReview } from './commands/review.ts';
import { runShow } from './commands/show.ts';
import { runReply } from './commands/reply.ts';
import { runStatusPush } from './commands/status-push.ts';
import { runSync } from './commands/sync.ts';
import { runClaim, runTeam } from './commands/team.ts';
import type { CommandName } from './spec.ts';
import { safeLine } from './terminal.ts';

/** One runner per command of spec.ts, no more, no fewer (checked by the compiler). */
const RUNNERS: Record<CommandName, CommandRunner> = {
  keygen: runKeygen,
  pubkey: runPubkey,
  passwd: runPasswd,
  'pull-key': runPullKey,
  pull: runPull,
  'status push': runStatusPush,
  sync: runSync,
  team: runTeam,
  claim: runClaim,
  'export-inbox': runExportInbox,
  import: runImport,
  list: runList,
  show: runShow,
  reply: runReply,
  anonymise: runAnonymise,
  approve: runApprove,
  reject: runReject,
  review: runReview,
  note: runNote,
  illustrate: runIllustrate,
  export: runExport,
  decisions: runDecisions,
  dismiss: runDismiss,
  editors: runEditors,
  backup: runBackup,
  restore: runRestore,
  'places detect': runPlacesDetectCommand,
};

const SQLITE_MESSAGES: Record<string, string> = {
  SQLITE_BUSY: 'the vault is in use by another sotto-review; try again when it has finished',
  SQLITE_LOCKED: 'the vault is in use by another sotto-review; try again when it has finished',
  SQLITE_CORRUPT: 'the vault is damaged (restore it from a backup)',
  SQLITE_NOTADB: 'the vault is damaged or is not a Sotto vault',
  SQLITE_READONLY: 'the vault is read-only',
  SQLITE_FULL: 'the disk is full',
  SQLITE_CANTOPEN: 'the vault cannot be opened (check the folder and its permissions)',
};

/** The one line shown for an error. Messages of unexpected errors are not shown by default:
 * they could quote decrypted text (JSON.parse does), and the editor cannot act on them anyway. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return 'unexpected error; run again with --debug for details';
  const name = error.name;
  if (error instanceof CliError || ['KeyFileError', 'EnvelopeError', 'FormatError', 'FileExistsError'].includes(name)) return error.message;
  const code = (error as { code?: unknown }).code;
  if (name === 'SqliteError' && typeof code === 'string') {
    const base = code.replace(/^(SQLITE_[A-Z]+).*$/, '$1');
    return SQLITE_MESSAGES[base] ?? `vault error (${code})`;
  }
  // Node's system errors (ENOENT, EACCES, ENOSPC...) name a path and a reason, never content.
  if (typeof code === 'string' && typeof (error as { syscall?: unknown }).syscall === 'string') return error.message;
  return `unexpected error (${name}); run again with --debug for details`;
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let invocation;
  try {
    invocation = parseCommandLine(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await write(io.stderr, `sotto-review: ${error.message}\n\n${error.command ? commandHelp(error.command) : generalHelp()}`);
    return 2;
  }
  if (invocation.kind === 'help') {
    await write(io.stdout, invocation.command ? commandHelp(invocation.command) : generalHelp());
    return 0;
  }
  try {
    await RUNNERS[invocation.command]!({ io, args: invocation.args, options: invocation.options, settings: invocation.settings });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      await write(io.stderr, `sotto-review: ${error.message}\n\n${commandHelp(invocation.command)}`);
      return 2;
    }
    const detail = invocation.settings.debug && error instanceof Error ? `\n${error.stack ?? ''}` : '';
    // safeLine: messages can quote ids and days read from the vault, which a tampered vault
    // could fill with escape sequences; the error stays one line, whatever it quotes.
    await write(io.stderr, `sotto-review: ${safeLine(describeError(error))}${detail}\n`);
    return 1;
  }
}
