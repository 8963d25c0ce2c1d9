// Runs the real server as a child process (node --import tsx server/main.ts, or the bundle
// dist/server.mjs that `npm start` runs) on 127.0.0.1 with a random port, and captures everything
// it prints.

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop: () => Promise<number | null>;
  /** SIGKILL: no flush, no close. */
  kill9: () => Promise<void>;
}

export interface StartOptions {
  /** 'dist': the bundle built by scripts/build.mjs, as `npm start` runs it. */
  entry?: 'source' | 'dist';
  /** Extra node flags before the entry (a --import preload, for instance). */
  nodeArgs?: readonly string[];
  /** Arguments for the server (flags such as --init). */
  args?: readonly string[];
}

function spawnServer(env: Record<string, string>, options: StartOptions): ChildProcess {
  const entry = options.entry === 'dist' ? ['dist/server.mjs'] : ['--import', 'tsx', 'server/main.ts'];
  return spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry, ...(options.args ?? [])], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', SOTTO_HOST: '127.0.0.1', SOTTO_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts a server that is expected to refuse: resolves with its exit code and output. */
export async function refusedStart(env: Record<string, string>, options: StartOptions = {}): Promise<{ code: number | null; output: string }> {
  const child = spawnServer(env, options);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, output };
}

export async function startServer(env: Record<string, string>, options: StartOptions = {}): Promise<ServerProcess> {
  const child = spawnServer(env, options);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const check = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => reject(new Error(`server exited:\n${output}`)));
  });
  return {
    url,
    child,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
