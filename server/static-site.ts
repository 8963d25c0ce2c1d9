// Serving the built submit page. Every file is read into memory at start and looked up by exact
// path, so a request can only ever name a file that was in the directory listing: no path
// traversal, no symlink following, no file-system access per request.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Handler } from 'hono';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

interface StaticFile {
  body: Uint8Array;
  contentType: string;
}

export type StaticSite = ReadonlyMap<string, StaticFile>;

/** Loads regular files under `dir` (dotfiles, symlinks and unknown types are skipped) keyed by
 * URL path ("/app.js"); "/" serves "/index.html". */
export function loadStaticSite(dir: string): StaticSite {
  const site = new Map<string, StaticFile>();
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      const contentType = CONTENT_TYPES[path.extname(entry.name).toLowerCase()];
      if (entry.isFile() && contentType) {
        site.set(`/${child}`, { body: new Uint8Array(readFileSync(path.join(dir, child))), contentType });
      }
    }
  };
  walk('');
  const index = site.get('/index.html');
  if (index) site.set('/', index);
  return site;
}

export function serveStatic(site: StaticSite): Handler {
  return function serveStatic(c) {
    const file = site.get(c.req.path);
    if (!file) return c.notFound();
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': file.contentType });
  };
}
