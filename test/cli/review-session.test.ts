// `review` in a real terminal: tmux gives the CLI a pseudo-terminal, types the keys and reads
// the screen. Twenty stories with one passphrase typed once: new stories first, a clean screen
// per story, anonymise (with a place to replace), note, approve, reject and skip from the keys.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortId } from '../../reviewer-cli/short-id.ts';
import { BIN, ensureBuilt, fillVault, makeEditor, makeSubmission, PASSPHRASE, runCli, tempDir, type TestEditor } from './helpers.ts';

/** One tmux server of our own (its own socket), one session running `command`. */
class Terminal {
  private readonly socket: string;

  constructor(dir: string, command: string, env: Record<string, string>) {
    this.socket = path.join(dir, 'tmux.sock');
    // The shell keeps the pane open after the CLI ends, so its last screen and exit code can be read.
    this.tmux(['new-session', '-d', '-s', 'review', '-x', '150', '-y', '50', `${command}; echo "[exit $?]"; sleep 120`], env);
  }

  private tmux(args: string[], env?: Record<string, string>): string {
    const result = spawnSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8', ...(env ? { env } : {}) });
    if (result.error) throw new Error(`tmux is needed for this test: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
    return result.stdout;
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', 'review']);
  }

  /** Types `text` and Enter. */
  type(text: string): void {
    if (text !== '') this.tmux(['send-keys', '-t', 'review', '-l', text]);
    this.tmux(['send-keys', '-t', 'review', 'Enter']);
  }

  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`the screen never showed ${pattern}:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  close(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
  }
}

const storyText = (i: number) => (i === 3 ? 'Story number 3. I grew up in Manchester and left.' : `Story number ${i}. Nothing to replace in this one.`);

let temp: ReturnType<typeof tempDir>;
let editor: TestEditor;
let ids: string[];

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir('sotto-review-');
  editor = await makeEditor(temp.dir, 'reviewer');
  ids = await fillVault(editor, Array.from({ length: 20 }, (_, i) => ({
    ...makeSubmission([editor.identity], { story: storyText(i), language: 'en' }),
    day: `2026-11-${String(i + 1).padStart(2, '0')}`,
  })));
  // The oldest story was anonymised earlier: it waits for approval, after every new story.
  const early = await runCli(['anonymise', ids[0]!, '--auto'], { env: editor.env, offline: true });
  expect(early.code, early.stderr).toBe(0);
});
afterAll(() => temp?.cleanup());

/** Runs `review` in a terminal, types the passphrase at its prompt, lets `drive` work the
 * session, and returns the last screen once the CLI has exited with 0. */
async function session(drive: (terminal: Terminal) => Promise<void>): Promise<string> {
  const env = { PATH: process.env.PATH ?? '', HOME: temp.dir, LANG: 'C.UTF-8', TERM: 'xterm', SOTTO_KEY: editor.keyFile, SOTTO_VAULT: editor.env.SOTTO_VAULT };
  const terminal = new Terminal(temp.dir, `${process.execPath} ${BIN} review`, env);
  try {
    await terminal.waitFor(/Passphrase for .*reviewer\.key/);
    terminal.type(PASSPHRASE);
    await drive(terminal);
    const end = await terminal.waitFor(/\[exit \d+\]/);
    expect(end).toContain('[exit 0]');
    return end;
  } finally {
    terminal.close();
  }
}

describe('review session', () => {
  it('goes through 20 stories with one passphrase: new first, a clean screen each, every key works', async () => {
    const end = await session(async (terminal) => {
      // The queue: stories 1..19 (new, oldest first), then story 0 (anonymised earlier).
      const order = [...ids.slice(1), ids[0]!];
      for (const [position, id] of order.entries()) {
        const i = ids.indexOf(id);
        const screen = await terminal.waitFor(new RegExp(`Story ${position + 1} of 20 · ${shortId(id)}[\\s\\S]*^> ?$`, 'm'));
        // a clean screen: this story, its keys, and nothing of the one before
        expect(screen).toContain(storyText(i));
        expect(screen).toContain('a = anonymise · p = approve · x = reject · n = note');
        if (position > 0) expect(screen).not.toContain(`Story number ${ids.indexOf(order[position - 1]!)}.`);
        expect(screen).not.toMatch(/Passphrase/);

        if (i === 5 || i === 6) {
          terminal.type('x'); // reject
          continue;
        }
        if (i === 7) {
          terminal.type(''); // skip: stays new
          continue;
        }
        if (i === 8) {
          terminal.type('n');
          await terminal.waitFor(/Note \(Enter saves it; never exported\): ?$/m);
          terminal.type('call the author back');
          await terminal.waitFor(/Note added\./);
        }
        if (i === 0) {
          // anonymised earlier: its anonymised text is shown; o switches to the original and back
          expect(screen).toContain('--- anonymised story ---');
          terminal.type('o');
          await terminal.waitFor(/--- story as sent ---/);
        } else {
          terminal.type('p'); // refused before anonymising: the reason is shown, the story stays
          await terminal.waitFor(/cannot approve story .*: it has not been anonymised yet/);
          terminal.type('a');
          if (i === 3) {
            await terminal.waitFor(/Place 1 of 1 · city[\s\S]*Proposed: «\[a city\]»/);
            terminal.type(''); // accept the proposal
          }
          await terminal.waitFor(/Anything else to replace\?/);
          terminal.type('');
          await terminal.waitFor(new RegExp(`Story ${shortId(id)}: ${i === 3 ? '1 place' : '0 places'} replaced`));
        }
        terminal.type('p');
      }
    });
    expect(end).toContain('Session over: 20 stories seen of 20; 16 anonymised, 17 approved, 2 rejected, 1 note added.');

    const list = await runCli(['list', '--json'], { env: editor.env, offline: true });
    const status = new Map((JSON.parse(list.stdout) as { id: string; status: string }[]).map((e) => [e.id, e.status]));
    ids.forEach((id, i) => expect(status.get(id), `story ${i}`).toBe(i === 5 || i === 6 ? 'rejected' : i === 7 ? 'new' : 'approved'));
    const shown = JSON.parse((await runCli(['show', ids[3]!, '--json'], { env: editor.env, offline: true })).stdout);
    expect(shown.anonymised.story).not.toContain('Manchester');
    const noted = JSON.parse((await runCli(['show', ids[8]!, '--json'], { env: editor.env, offline: true })).stdout);
    expect(noted.notes.map((n: { text: string }) => n.text)).toEqual(['call the author back']);
  }, 240_000);

  it('q ends the session at once; what was skipped is still waiting', async () => {
    const end = await session(async (terminal) => {
      await terminal.waitFor(new RegExp(`Story 1 of 1 · ${shortId(ids[7]!)}`));
      terminal.type('q');
    });
    expect(end).toContain('Session over: 1 story seen of 1; 0 anonymised, 0 approved, 0 rejected, 0 notes added.');
  }, 120_000);
});
