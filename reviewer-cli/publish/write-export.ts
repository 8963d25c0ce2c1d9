// Writes the export folder one story at a time into a new sibling folder, which then takes DIR's
// name: whoever looks at DIR sees the previous export or the new one, never a mix, and memory
// stays the same however many stories there are (stories.json is written as it goes too).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CliError } from '../errors.ts';
import { fsyncDir, writeAll, writeExclusive } from '../../node-lib/durable-file.ts';
import { markdownFile, storiesJsonEntry, type PublishedStory } from './published-story.ts';

const STORY_FILE = /^(story-[0-9a-f]{16})\.md$/;
/** A story's artwork (artwork.ts): replaced with the folder, like the story's own file. */
const ARTWORK_FILE = /^story-[0-9a-f]{16}\.(jpg|png|webp)$/;
const INDEX = 'stories.json';

/** The slugs of the stories an earlier export in `dir` holds; null when there is no folder yet.
 * Refuses a folder holding anything sotto-review did not write: replacing it would delete it. */
function earlierExport(dir: string): Set<string> | null {
  if (!existsSync(dir)) return null;
  if (!statSync(dir).isDirectory()) throw new CliError(`${dir} exists and is not a folder`);
  const slugs = new Set<string>();
  const foreign: string[] = [];
  for (const name of readdirSync(dir)) {
    const slug = STORY_FILE.exec(name)?.[1];
    if (slug) slugs.add(slug);
    else if (name !== INDEX && !ARTWORK_FILE.test(name)) foreign.push(name);
  }
  if (foreign.length > 0) throw new CliError(`${dir} holds files sotto-review did not write (${foreign.slice(0, 3).join(', ')}); export to a new or empty folder`);
  return slugs;
}

export class ExportFolder {
  private count = 0;
  private indexFd: number | null;

  private constructor(
    private readonly target: string,
    private readonly fresh: string,
    /** Slugs of the stories the earlier export in DIR holds (empty when there was none). */
    readonly earlierSlugs: ReadonlySet<string>,
    /** DIR held an earlier export, which commit() replaces. */
    readonly replacing: boolean,
  ) {
    this.indexFd = openSync(path.join(fresh, INDEX), 'wx', 0o644);
  }

  /** Starts a new export that will replace `dir`. Nothing is visible in `dir` until commit(). */
  static create(dir: string): ExportFolder {
    const target = path.resolve(dir);
    const earlier = earlierExport(target);
    const fresh = path.join(path.dirname(target), `.${path.basename(target)}.new-${randomBytes(6).toString('hex')}`);
    mkdirSync(fresh, { mode: 0o755 });
    try {
      return new ExportFolder(target, fresh, earlier ?? new Set(), earlier !== null);
    } catch (error) {
      rmSync(fresh, { recursive: true, force: true });
      throw error;
    }
  }

  get stories(): number {
    return this.count;
  }

  /** `image`: the artwork's bytes, written as `story.image`. */
  add(story: PublishedStory, image?: Uint8Array): void {
    if (story.image) {
      if (!image) throw new Error(`the artwork of ${story.slug} was not given`);
      writeExclusive(path.join(this.fresh, story.image), image, 0o644);
    }
    writeExclusive(path.join(this.fresh, `${story.slug}.md`), markdownFile(story), 0o644);
    writeAll(this.indexFd!, `${this.count === 0 ? '[\n' : ',\n'}${storiesJsonEntry(story)}`);
    this.count++;
  }

  /** Makes the new export DIR's content, in one rename. */
  commit(): void {
    const fd = this.indexFd!;
    writeAll(fd, this.count === 0 ? '[]\n' : '\n]\n');
    fsyncSync(fd);
    closeSync(fd);
    this.indexFd = null;
    fsyncDir(this.fresh);
    const old = `${this.fresh.replace(/\.new-/, '.old-')}`;
    if (this.replacing) renameSync(this.target, old);
    try {
      renameSync(this.fresh, this.target);
    } catch (error) {
      if (this.replacing) renameSync(old, this.target);
      throw error;
    }
    fsyncDir(path.dirname(this.target));
    if (this.replacing) rmSync(old, { recursive: true, force: true });
  }

  /** Leaves DIR as it was. */
  discard(): void {
    if (this.indexFd !== null) closeSync(this.indexFd);
    this.indexFd = null;
    rmSync(this.fresh, { recursive: true, force: true });
  }
}
