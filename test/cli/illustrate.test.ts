// `illustrate` and the artwork in `export`, as a process: the image is cleaned before it is
// stored (exiftool finds nothing in the exported copy, the scans are the artist's), stored only
// encrypted, written beside the story under the story's slug with its credit and alt text, and
// shown by the Hugo starter site. Files that cannot be cleaned are refused and change nothing.

import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exifTags, fixture, jpegScanData, metadataTags, withMetadata } from '../support/images.ts';
import { ensureBuilt, fillVault, makeEditor, makeSubmission, ROOT, runCli, tempDir, type TestEditor } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let editor: TestEditor;
let id: string;
const photo = withMetadata(fixture('chromium-16x12.jpg'), 'jpg');
let photoFile: string;

beforeAll(async () => {
  ensureBuilt();
  temp = tempDir('sotto-illustrate-');
  editor = await makeEditor(temp.dir, 'artwork-editor');
  id = (await fillVault(editor, [makeSubmission([editor.identity], { story: 'Я прожила там три года. Потом всё изменилось.', title: 'Три года', language: 'ru' })]))[0]!;
  photoFile = path.join(temp.dir, 'artwork.jpg');
  writeFileSync(photoFile, photo);
  for (const args of [['anonymise', id, '--auto'], ['approve', id]]) {
    const result = await runCli(args, { env: editor.env, offline: true });
    expect(result.code, result.stderr).toBe(0);
  }
});
afterAll(() => temp?.cleanup());

const run = (args: string[]) => runCli(args, { env: editor.env, offline: true });

function vaultBytes(): Buffer {
  const dir = editor.env.SOTTO_VAULT!;
  return Buffer.concat(readdirSync(dir).map((name) => readFileSync(path.join(dir, name))));
}

describe('illustrate', () => {
  it('refuses what it cannot clean, and a missing credit, before asking for anything; nothing is saved', async () => {
    const before = vaultBytes();
    const pdf = path.join(temp.dir, 'letter.pdf');
    writeFileSync(pdf, '%PDF-1.7\n% a scanned letter\n');
    const truncated = path.join(temp.dir, 'cut.jpg');
    writeFileSync(truncated, photo.subarray(0, photo.length - 40));
    for (const [file, message] of [[pdf, 'PDF files are not cleaned'], [truncated, 'the file ends in the middle of a part']] as const) {
      // no passphrase given: the refusal comes before the vault is opened
      const result = await runCli(['illustrate', id, file, '--credit', 'Artist'], { env: { ...editor.env, SOTTO_PASSPHRASE: undefined }, offline: true });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`sotto-review: ${file} cannot be used: ${message} (only JPEG, PNG and WebP images whose structure can be read fully); nothing was saved\n`);
    }
    const noCredit = await run(['illustrate', id, photoFile]);
    expect(noCredit.code).toBe(2);
    expect(noCredit.stderr).toContain('--credit NAME is required');
    expect(vaultBytes().equals(before)).toBe(true);
  });

  it('cleans the image, says what it removed, warns about the orientation, and stores it encrypted', async () => {
    const result = await run(['illustrate', id, photoFile, '--credit', 'Маша "M" <b>Art</b>', '--alt', 'A red door in the snow']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Attached artwork to story \S+: JPEG, 16×12, \d+ bytes; removed GPS location, camera or software, dates and times, embedded preview, other EXIF fields, XMP, IPTC captions and names, colour profile, comments\.\n/);
    expect(result.stdout).toContain('EXIF orientation (6)');
    const stored = vaultBytes();
    const scans = Buffer.from(jpegScanData(photo));
    expect(stored.includes(scans.subarray(0, 64))).toBe(false);
    expect(stored.includes(Buffer.from('Kazan'))).toBe(false);
    const shown = await run(['show', id]);
    expect(shown.stdout).toMatch(/^Artwork: {2}JPEG, \d+ bytes, by Маша "M" <b>Art<\/b>; alt: A red door in the snow$/m);
  });

  it('export writes it beside the story under the slug, with image, image_alt and image_credit', async () => {
    const out = path.join(temp.dir, 'site', 'content', 'stories');
    cpSync(path.join(ROOT, 'examples/hugo'), path.join(temp.dir, 'site'), { recursive: true });
    const exported = await run(['export', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const [story] = JSON.parse(readFileSync(path.join(out, 'stories.json'), 'utf8')) as { slug: string; image: string; image_alt: string; image_credit: string }[];
    expect(story!.image).toBe(`${story!.slug}.jpg`);
    expect(story!.image).not.toContain(id);
    expect(readdirSync(out).sort()).toEqual(['stories.json', `${story!.slug}.jpg`, `${story!.slug}.md`]);
    const markdown = readFileSync(path.join(out, `${story!.slug}.md`), 'utf8');
    expect(markdown).toContain(`image: "${story!.slug}.jpg"\n`);
    expect(markdown).toContain('image_alt: "A red door in the snow"\n');
    expect(markdown).toContain('image_credit: "Маша “M” ‹b›Art‹/b›"\n');

    const image = new Uint8Array(readFileSync(path.join(out, story!.image)));
    expect(metadataTags(exifTags(image, 'jpg'))).toEqual([]);
    expect(exifTags(image, 'jpg')).toMatchObject({ 'File:ImageWidth': 16, 'File:ImageHeight': 12 });
    expect(jpegScanData(image)).toEqual(jpegScanData(photo));

    const site = path.join(temp.dir, 'site');
    const built = spawnSync('hugo', ['--quiet', '-s', site, '-d', path.join(site, 'public')], { encoding: 'utf8' });
    if (built.error) throw new Error(`hugo is not installed (.ci/run installs it): ${built.error.message}`);
    expect(built.status, built.stderr).toBe(0);
    const html = readFileSync(path.join(site, 'public/stories', story!.slug, 'index.html'), 'utf8');
    expect(html).toContain(`<img src="/stories/${story!.slug}.jpg" alt="A red door in the snow">`);
    expect(html).toMatch(/<figcaption>Artwork: Маша “M” ‹b›Art‹\/b›<\/figcaption>/);
    expect(readFileSync(path.join(site, 'public/stories', `${story!.slug}.jpg`))).toEqual(Buffer.from(image));
  });

  it('replacing the artwork says so, and says when there is no alt text', async () => {
    const webp = path.join(temp.dir, 'second.webp');
    writeFileSync(webp, fixture('chromium-alpha-16x12.webp'));
    const result = await run(['illustrate', id, webp, '--credit', 'Artist']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Replaced the artwork of story');
    expect(result.stdout).toContain('WEBP, 16×12');
    expect(result.stdout).toContain('removed colour profile');
    expect(result.stdout).toContain('No alt text');
  });
});
