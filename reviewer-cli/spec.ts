// Every command, its arguments, options and help text: the one table that argument parsing
// (args.ts) and help output (help.ts) are built from. cli.ts maps each name to its runner; the
// compiler holds the two together (a command without a runner, or a runner without a command,
// does not type-check: see CommandName).

import { INBOX_PAGE_MAX } from '../crypto/contract.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. "FILE". */
  value?: string;
  multiple?: boolean;
  description: string;
}

export interface CommandSpec {
  /** One or two words: "list", "status push". */
  name: string;
  /** Positional arguments as shown in help, e.g. "ID TEXT". */
  args?: string;
  minArgs: number;
  /** Infinity for "any number". */
  maxArgs: number;
  summary: string;
  /** Further lines of help, shown under the usage line. */
  details?: readonly string[];
  options: Record<string, OptionSpec>;
  /** Which of the shared settings the command needs; args.ts checks the required ones. */
  needs: { vault?: boolean; key?: boolean; server?: boolean };
}

const VAULT: Record<string, OptionSpec> = {
  vault: { type: 'string', value: 'DIR', description: 'vault directory (default: $SOTTO_VAULT or ./sotto-vault)' },
};
const KEY: Record<string, OptionSpec> = {
  key: { type: 'string', value: 'FILE', description: 'your secret key file (default: $SOTTO_KEY)' },
  'passphrase-file': { type: 'string', value: 'FILE', description: 'read the passphrase from FILE (default: $SOTTO_PASSPHRASE, or ask)' },
};
/** For commands that only sign: the pull-only key works too. */
const SIGNING_KEY: Record<string, OptionSpec> = {
  key: { type: 'string', value: 'FILE', description: 'your secret key file, or your pull-only key (default: $SOTTO_KEY)' },
  'passphrase-file': KEY['passphrase-file']!,
};
const SERVER: Record<string, OptionSpec> = {
  server: { type: 'string', value: 'URL', description: 'the Sotto server, e.g. https://example.org (default: $SOTTO_SERVER)' },
};
const JSON_OUT: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print JSON instead of a table' },
};

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', description: 'show this help' },
  debug: { type: 'boolean', description: 'show stack traces on errors' },
};

export const REVIEW_STATUSES = ['new', 'anonymised', 'approved', 'rejected', 'withdrawn', 'unreadable', 'quarantined', 'dismissed'] as const;

const TABLE = [
  {
    name: 'keygen', minArgs: 0, maxArgs: 0,
    summary: 'make your editor key (asks for a passphrase twice)',
    details: [
      'Writes FILE (secret, passphrase-encrypted, mode 0600) and FILE.pub (your public key line).',
      'Send FILE.pub to the server operator; compare the fingerprint with them by phone or in person.',
    ],
    options: {
      out: { type: 'string', value: 'FILE', description: 'where to write the secret key (never overwritten)' },
      label: { type: 'string', value: 'NAME', description: 'a name shown next to your public key, e.g. your first name' },
      'passphrase-file': KEY['passphrase-file']!,
      'pull-out': { type: 'string', value: 'FILE', description: 'also write a pull-only key for an online computer (asks for a second, different passphrase)' },
      'pull-passphrase-file': { type: 'string', value: 'FILE', description: 'read the pull-only key\'s passphrase from FILE (default: $SOTTO_NEW_PASSPHRASE, or ask)' },
    },
    needs: {},
  },
  {
    name: 'pull-key', minArgs: 0, maxArgs: 0,
    summary: 'write a pull-only key for your existing key: it can pull and push statuses, never open a story',
    details: [
      'Copy the pull-only key to the online computer and keep your secret key on the offline laptop.',
      'Asks for your passphrase, then twice for the pull-only key\'s own, different passphrase',
      '(non-interactive: $SOTTO_NEW_PASSPHRASE or --new-passphrase-file).',
    ],
    options: {
      out: { type: 'string', value: 'FILE', description: 'where to write the pull-only key (never overwritten)' },
      ...KEY,
      'new-passphrase-file': { type: 'string', value: 'FILE', description: 'read the pull-only key\'s passphrase from FILE' },
    },
    needs: { key: true },
  },
  {
    name: 'pubkey', minArgs: 0, maxArgs: 0,
    summary: 'print your public key line and its fingerprint (no passphrase needed)',
    options: { key: KEY.key! },
    needs: { key: true },
  },
  {
    name: 'passwd', minArgs: 0, maxArgs: 0,
    summary: 'change the passphrase of your key file',
    details: ['Non-interactive: the old passphrase from $SOTTO_PASSPHRASE, the new one from $SOTTO_NEW_PASSPHRASE.'],
    options: {
      ...KEY,
      'new-passphrase-file': { type: 'string', value: 'FILE', description: 'read the new passphrase from FILE' },
    },
    needs: { key: true },
  },
  {
    name: 'pull', minArgs: 0, maxArgs: 0,
    summary: 'fetch new stories from the server into your vault (online)',
    details: [
      'Each envelope is stored in the vault before the server is told it arrived, so an interrupted pull loses nothing.',
      'The pull-only key is enough (`sotto-review pull-key`): then this vault holds envelopes only, for `export-inbox`.',
    ],
    options: {
      ...SERVER, ...SIGNING_KEY, ...VAULT,
      'page-size': { type: 'string', value: 'N', description: `envelopes per request, 1..${INBOX_PAGE_MAX} (default ${INBOX_PAGE_MAX})` },
    },
    needs: { vault: true, key: true, server: true },
  },
  {
    name: 'sync', minArgs: 0, maxArgs: 0,
    summary: 'share your review work with the other editors and take in theirs, through the server (online)',
    details: [
      'Sends a signed record, sealed to the accepted editors, for each claim, anonymised text, decision and team',
      'note of yours not sent yet; then reads the team log, checks every record\'s signature and order, and stores it.',
      'A story you have not anonymised takes the team\'s text when there is exactly one. Needs the full secret key.',
    ],
    options: { ...SERVER, ...KEY, ...VAULT },
    needs: { vault: true, key: true, server: true },
  },
  {
    name: 'status push', minArgs: 0, maxArgs: 0,
    summary: 'tell the server your decisions so authors see them with their receipt code (online)',
    details: [
      'anonymised or approved → "in review", rejected → "declined"; "published" only once `export` has',
      'written the approved story out. Nothing else is sent.',
      'With --decisions FILE: the decisions file made offline by `sotto-review decisions` (the pull-only key is enough).',
    ],
    options: {
      decisions: { type: 'string', value: 'FILE', description: 'send the decisions in FILE instead of those in the vault' },
      ...SERVER, ...SIGNING_KEY, ...VAULT,
    },
    needs: { vault: true, key: true, server: true },
  },
  {
    name: 'export-inbox', minArgs: 0, maxArgs: 0,
    summary: 'write every envelope in the vault to a file, to carry to an offline computer',
    details: [
      'The file holds only encrypted envelopes and the ids of withdrawn stories: nothing readable.',
      'It is signed with your key (the pull-only key is enough), so `import` refuses it if anything was changed.',
    ],
    options: { out: { type: 'string', value: 'FILE', description: 'the transfer file to write (never overwritten)' }, ...SIGNING_KEY, ...VAULT },
    needs: { vault: true, key: true },
  },
  {
    name: 'import', args: 'FILE', minArgs: 1, maxArgs: 1,
    summary: 'add the envelopes of a signed transfer file to the vault (importing twice changes nothing)',
    details: [
      'The file must be signed by you or by an editor of your accepted set (`sotto-review editors`);',
      'for another editor\'s file (say, after a lost laptop), compare their fingerprint with them and pass it as --signer.',
    ],
    options: {
      signer: { type: 'string', value: 'FINGERPRINT', description: 'also accept a file signed by the key with this fingerprint' },
      ...KEY, ...VAULT,
    },
    needs: { vault: true, key: true },
  },
  {
    name: 'editors', minArgs: 0, maxArgs: 0,
    summary: 'show the editor set this vault accepted and the keys its stories are encrypted to',
    details: [
      '`pull`, `import` and `list` warn on every run about stories encrypted to a key outside the accepted set.',
      'Accept a new set only after comparing every fingerprint with its editor by phone or in person.',
    ],
    options: {
      accept: { type: 'string', value: 'FILE', description: 'accept the key list in FILE (one sotto-pk1: line per editor) as the editor set' },
      ...SIGNING_KEY, ...VAULT,
    },
    needs: { vault: true, key: true },
  },
  {
    name: 'list', minArgs: 0, maxArgs: 0,
    summary: 'list the stories in the vault (decrypted in memory only)',
    options: {
      status: { type: 'string', value: 'STATUS', description: `only this status: ${REVIEW_STATUSES.join(', ')}` },
      ...JSON_OUT, ...KEY, ...VAULT,
    },
    needs: { vault: true, key: true },
  },
  {
    name: 'review', minArgs: 0, maxArgs: 0,
    summary: 'go through the stories waiting for a decision, one screen each, with one passphrase',
    details: [
      'New stories first, then anonymised ones waiting for approval. On each: a = anonymise, p = approve,',
      'x = reject, n = add a note, c = claim it for the team (sent by `sync`), r = reply to its author',
      '(with --server), o = switch between the original and the anonymised text, Enter = next story,',
      'q = quit. The key is unlocked once and wiped when the session ends.',
    ],
    options: { ...SERVER, ...KEY, ...VAULT },
    needs: { vault: true, key: true },
  },
  {
    name: 'show', args: 'ID', minArgs: 1, maxArgs: 1,
    summary: 'print one story and its form fields (ID: the id from `list`, or its first characters)',
    details: [
      'With --server (or $SOTTO_SERVER) it also fetches the conversation with the author (replies by',
      'editors, answers by the author, day dates only) and opens it in memory: nothing of it is stored.',
    ],
    options: {
      anonymised: { type: 'boolean', description: 'print the anonymised text instead of the original' },
      attachments: { type: 'string', value: 'DIR', description: 'also write the story\'s pictures, checked again for metadata, into the folder DIR (and nowhere else)' },
      ...JSON_OUT, ...KEY, ...VAULT, ...SERVER,
    },
    needs: { vault: true, key: true },
  },
  {
    name: 'reply', args: 'ID', minArgs: 1, maxArgs: 1,
    summary: 'write to the author of a story: they read it on the page with their receipt code (online)',
    details: [
      'Type the reply at the prompt (a line holding only "." ends it) or pipe it in: `sotto-review reply ID --yes < reply.txt`.',
      'It is shown before it goes, encrypted on this computer to the author and to every editor, and signed',
      'with your key so the other editors see who wrote it. At most 4,018 bytes (about 2,000 Cyrillic letters).',
      'Never on the command line: it would stay in your shell history. `show ID --server URL` prints the conversation.',
    ],
    options: {
      yes: { type: 'boolean', description: 'send a reply read from a pipe without asking' },
      ...SERVER, ...KEY, ...VAULT,
    },
    needs: { vault: true, key: true, server: true },
  },
  {
    name: 'anonymise', args: 'ID', minArgs: 1, maxArgs: 1,
    summary: 'go through the places found in a story and choose what replaces each',
    details: [
      'For each place: Enter accepts the proposed replacement, e = type your own, k = keep the original,',
      'm = mark more text by hand, q = stop without saving. The result is saved encrypted in the vault.',
    ],
    options: { auto: { type: 'boolean', description: 'accept every proposed replacement without asking' }, ...KEY, ...VAULT },
    needs: { vault: true, key: true },
  },
  {
    name: 'team', args: '[ID]', minArgs: 0, maxArgs: 1,
    summary: 'show what the team did with a story (claims, texts, approvals, team notes, conflicts), or set the approval rule',
    details: [
      'As of the last `sync`. Without ID: how many editors must approve the same text before `export` includes a story.',
    ],
    options: {
      approvals: { type: 'string', value: 'N', description: 'export a story only once N editors (you included) approved the same anonymised text' },
      ...KEY, ...VAULT,
    },
    needs: { vault: true, key: true },
  },
  {
    name: 'claim', args: 'ID', minArgs: 1, maxArgs: 1,
    summary: 'tell the team you are working on a story (sent by the next `sync`)',
    options: { ...KEY, ...VAULT },
    needs: { vault: true, key: true },
  },
  {
    name: 'approve', args: 'ID', minArgs: 1, maxArgs: 1,
    summary: 'approve an anonymised story for publication',
    details: ['Refused until `anonymise` has run and no unreviewed place remains; withdrawn stories are always refused.'],
    options: { tag: { type: 'string', value: 'TAG', multiple: true, description: 'a tag for the published story (repeatable)' }, ...KEY, ...VAULT },
    needs: { vault: true, key: true },
  },
  {
    name: 'reject', args: 'ID', minArgs: 1, maxArgs: 1,
    summary: 'decide not to publish a story',
    options: { ...KEY, ...VAULT },
    needs: { vault: true, key: true },
  },
  {
    name: 'note', args: 'ID [TEXT]', minArgs: 1, maxArgs: 2,
    summary: 'add a private note to a story (stored encrypted, never exported), or with --team a note for the team',
    details: [
      'Recommended: leave TEXT out (or give -) and type the note at the prompt, or pipe it in:',
      '`sotto-review note ID < note.txt`. A note given as TEXT is kept in your shell history and',
      'is visible to other users of the computer in the process list (ps) while the command runs.',
      'Private notes never leave the vault; --team notes go to every editor with the next `sync`.',
    ],
    options: { team: { type: 'boolean', description: 'share the note with the other editors (sealed to them, sent by `sync`)' }, ...KEY, ...VAULT },
    needs: { vault: true, key: true },
  },
  {
    name: 'illustrate', args: 'ID IMAGE', minArgs: 2, maxArgs: 2,
    summary: 'attach the artwork made for a story (JPEG, PNG or WebP), cleaned of metadata; export puts it beside the story',
    details: [
      'The image is cleaned before anything is stored: GPS, camera, times, previews, XMP, IPTC, colour',
      'profiles and comments are removed and listed; a file that cannot be read fully is refused.',
      'It is kept encrypted in the vault (at most 512 KiB after cleaning). Run it again to replace it.',
    ],
    options: {
      credit: { type: 'string', value: 'NAME', description: 'the artist, as the site credits them (required)' },
      alt: { type: 'string', value: 'TEXT', description: 'what the image shows, for people who cannot see it' },
      ...KEY, ...VAULT,
    },
    needs: { vault: true, key: true },
  },
  {
    name: 'export', args: '[ID...]', minArgs: 0, maxArgs: Infinity,
    summary: 'write approved stories as Markdown with front matter, plus stories.json',
    details: [
      'Without IDs: every approved story. A story that fails the approval checks again (withdrawn by its',
      'author, or a place found by a newer detector) is skipped with a warning, and its file from an',
      'earlier export in DIR is removed. Stories an earlier export in DIR holds stay while they can be',
      'published. DIR must be new, empty, or an earlier export; it is replaced in one step.',
    ],
    options: {
      out: { type: 'string', value: 'DIR', description: 'the folder to write' },
      strict: { type: 'boolean', description: 'write nothing at all if any chosen story fails the checks' },
      ...KEY, ...VAULT,
    },
    needs: { vault: true, key: true },
  },
  {
    name: 'decisions', minArgs: 0, maxArgs: 0,
    summary: 'write your decisions to a signed file, to push from the online computer (offline)',
    details: ['On the online computer: `sotto-review status push --decisions FILE` (the pull-only key is enough).'],
    options: { out: { type: 'string', value: 'FILE', description: 'the decisions file to write (never overwritten)' }, ...KEY, ...VAULT },
    needs: { vault: true, key: true },
  },
  {
    name: 'dismiss', args: 'ID', minArgs: 1, maxArgs: 1,
    summary: 'set aside a story that cannot be opened or is quarantined: never listed as unreadable, never exported',
    options: { ...KEY, ...VAULT },
    needs: { vault: true, key: true },
  },
  {
    name: 'backup', minArgs: 0, maxArgs: 0,
    summary: 'write an encrypted copy of the whole vault (safe while another command runs)',
    details: [
      'FILE is replaced only once the new backup is complete: an interrupted backup leaves the previous one intact.',
      'Only your secret key opens it (`sotto-review restore`). Keep it on another disk.',
    ],
    options: { out: { type: 'string', value: 'FILE', description: 'the backup file to write or replace' }, ...KEY, ...VAULT },
    needs: { vault: true, key: true },
  },
  {
    name: 'restore', args: 'FILE', minArgs: 1, maxArgs: 1,
    summary: 'make a vault from a backup, in a folder that holds no vault yet',
    options: { ...KEY, ...VAULT },
    needs: { vault: true, key: true },
  },
  {
    name: 'places detect', minArgs: 0, maxArgs: 0,
    summary: 'JSON lines {id, lang, text} on stdin → {id, spans} on stdout (for scoring the detector)',
    options: {
      people: { type: 'boolean', description: 'print the people of each story (kind "person") instead of its places' },
      all: { type: 'boolean', description: 'print places, people, contacts and house numbers together' },
    },
    needs: {},
  },
] as const satisfies readonly CommandSpec[];

/** The name of a command in the table. */
export type CommandName = (typeof TABLE)[number]['name'];
export type NamedCommandSpec = CommandSpec & { name: CommandName };
export const COMMANDS: readonly NamedCommandSpec[] = TABLE;

export function findCommand(name: string): NamedCommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
