import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIdentity, publicKeyLineOf } from '../../crypto/identity.ts';
import { buildSubmitPage, writePageTemplate } from '../../submit-client/build.ts';
import { buildSite } from '../../server/site.ts';

const keyList = [generateIdentity(), generateIdentity(), generateIdentity()].map((id) => publicKeyLineOf(id)).join('\n');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sotto-site-'));
  await writePageTemplate(path.join(dir, 'template'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('buildSite', () => {
  it('serves the same bytes the page builder writes for the same key list', async () => {
    const built = await buildSubmitPage({ editorsKeyList: keyList, outDir: path.join(dir, 'built') });
    await buildSite(keyList, path.join(dir, 'site'), path.join(dir, 'template'));
    for (const name of built.files) {
      expect(await readFile(path.join(dir, 'site', name)), name).toEqual(await readFile(path.join(dir, 'built', name)));
    }
    const html = await readFile(path.join(dir, 'site', 'index.html'), 'utf8');
    expect(html).toContain('data-i18n-values=\'{"count":3}\'');
    expect(html).not.toContain('{{');
  });

  it('refuses to start without a built template, and never empties a directory it did not make', async () => {
    await expect(buildSite(keyList, path.join(dir, 'other'), path.join(dir, 'missing'))).rejects.toThrow(/not built.*npm run build/);
    const foreign = path.join(dir, 'foreign');
    await buildSite(keyList, foreign, path.join(dir, 'template'));
    await rm(path.join(foreign, '.sotto-site'));
    await writeFile(path.join(foreign, 'notes.txt'), 'mine');
    await expect(buildSite(keyList, foreign, path.join(dir, 'template'))).rejects.toThrow(/not made by Sotto/);
    expect(await readFile(path.join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
