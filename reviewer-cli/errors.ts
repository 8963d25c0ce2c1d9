// The two ways a command fails (docs: README.md "When something goes wrong").
// runCli turns them into exit codes; nothing else decides how the process ends.

/** A failure the editor can act on: exit 1, the message printed as one line on stderr. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line itself is wrong: exit 2, the message and the command's help on stderr. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}
