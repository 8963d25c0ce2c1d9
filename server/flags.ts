// Optional command-line flags, each the same as its environment variable (flags win):
//   --host, --port, --data-dir, --editors, --max-store-mb, --retention-days
// e.g. `npm start -- --port 8080`. Values are validated with the variables, in config.ts.

const FLAGS: Readonly<Record<string, string>> = {
  '--host': 'SOTTO_HOST',
  '--port': 'SOTTO_PORT',
  '--data-dir': 'SOTTO_DATA_DIR',
  '--editors': 'SOTTO_EDITORS',
  '--max-store-mb': 'SOTTO_MAX_STORE_MB',
  '--retention-days': 'SOTTO_RETENTION_DAYS',
};

export type FlagsResult = { ok: true; env: Record<string, string | undefined> } | { ok: false; message: string };

/** Merges `--flag value` and `--flag=value` arguments into a copy of `env`. */
export function applyFlags(args: readonly string[], env: Record<string, string | undefined>): FlagsResult {
  const merged = { ...env };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const equals = arg.indexOf('=');
    const flag = equals < 0 ? arg : arg.slice(0, equals);
    const variable = FLAGS[flag];
    if (!variable) return { ok: false, message: `unknown option ${flag} (known: ${Object.keys(FLAGS).join(', ')})` };
    const value = equals < 0 ? args[++i] : arg.slice(equals + 1);
    if (value === undefined) return { ok: false, message: `${flag} needs a value` };
    merged[variable] = value;
  }
  return { ok: true, env: merged };
}
