// What app.js hands the lazily loaded pictures view (pictures.js, submit-client/pictures-view.ts)
// and gets back: types only, so neither bundle carries the other's code.

import type { SendDeps, StoryPictures } from './send.ts';

export interface PicturesInput {
  /** Where the view goes, after the "add pictures" button: it adds its own elements. */
  host: HTMLElement;
}

/** The view sends its pictures with the story (none chosen: a story without), and forgets them
 * when the form is reset (after sending, on quick exit): previews revoked, bytes dropped. */
export interface PicturesView extends StoryPictures {
  /** Opens the file chooser. */
  choose(): void;
}

export type MountPictures = (input: PicturesInput) => PicturesView;
export type { SendDeps };

export const PICTURES_FILE = 'pictures.js';
export const PICTURES_EXPORT = 'sottoPictures';
