// Command-line flags. Most are the same as an environment variable (flags win):
//   --host, --port, --data-dir, --editors, --max-store-mb, --retention-days
// e.g. `npm start -- --port 8080`. Values are validated with the variables, in config.ts.
// Two are operator decisions for this start only, never variables (a variable left set would
// repeat them at every start):
//   --init                     start an empty database although server.secret shows one existed
//   --forget-editor KEYID      stop keeping envelopes for an editor removed from the key list

const FLAGS: Readonly<Record<string, string>> = {
  '--host': 'SOTTO_HOST',
  '--port': 'SOTTO_PORT',
  '--data-dir': 'SOTTO_DATA_DIR',
  '--editors': 'SOTTO_EDITORS',
  '--max-store-mb': 'SOTTO_MAX_STORE_MB',
  '--retention-days': 'SOTTO_RETENTION_DAYS',
};

const KEY_ID = /^[0-9a-f]{16}$/;

export interface StartDecisions {
  init: boolean;
  /** Key ids (hex) of former editors whose waiting envelopes may be erased. */
  forgetEditors: string[];
}

export type FlagsResult =
  | ({ ok: true; env: Record<string, string | undefined> } & StartDecisions)
  | { ok: false; message: string };

/** Merges `--flag value` and `--flag=value` arguments into a copy of `env`. */
export function applyFlags(args: readonly string[], env: Record<string, string | undefined>): FlagsResult {
  const merged = { ...env };
  const decisions: StartDecisions = { init: false, forgetEditors: [] };
  const known = [...Object.keys(FLAGS), '--init', '--forget-editor'];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--init') {
      decisions.init = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const flag = equals < 0 ? arg : arg.slice(0, equals);
    const variable = FLAGS[flag];
    if (!variable && flag !== '--forget-editor') return { ok: false, message: `unknown option ${flag} (known: ${known.join(', ')})` };
    const value = equals < 0 ? args[++i] : arg.slice(equals + 1);
    if (value === undefined) return { ok: false, message: `${flag} needs a value` };
    if (variable) {
      merged[variable] = value;
    } else if (KEY_ID.test(value)) {
      decisions.forgetEditors.push(value);
    } else {
      return { ok: false, message: `--forget-editor needs an editor key id (16 hex digits, as printed at start), not ${JSON.stringify(value.slice(0, 40))}` };
    }
  }
  return { ok: true, env: merged, ...decisions };
}
