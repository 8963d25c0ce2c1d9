// The pictures a story may carry (SECURITY.md §2 "Attachments"), loaded only when the person
// presses "add pictures" (app.js loads this file, pictures.js, pinned by its hash:
// submit-client/lazy-script.ts). Each file is cleaned here in pure JavaScript by parsing its
// format (media/: no canvas, which Tor Browser blocks), and the page shows what was found and
// removed and a preview of the cleaned bytes (an object URL, revoked when the picture is removed
// or sent). A file that cannot be cleaned — a PDF, anything but JPEG, PNG or WebP — is refused,
// never sent as it is. On sending, each picture is sealed under a key of its own, the keys go into
// the story's envelope, and the sealed chunks are uploaded with a progress bar before the story.

import { ATTACHMENT_SEALED_CHUNK_BYTES, MAX_ATTACHMENTS, MAX_ATTACHMENT_TOTAL_BYTES, sealedChunkCount } from '../crypto/attachment-format.ts';
import { sealAttachment } from '../crypto/attachment-noble.ts';
import { b64uEncode, wipe } from '../crypto/bytes.ts';
import { encodeTestimonyWithAttachments } from '../crypto/testimony-attachments.ts';
import type { Testimony } from '../crypto/testimony.ts';
import { MediaRefusal, scrubImage, type MetadataKind, type ScrubResult } from '../media/index.ts';
import { FETCH_OPTIONS } from './api.ts';
import { isUiLanguage } from './i18n.ts';
import { PICTURES_EXPORT, type MountPictures, type PicturesView } from './pictures-contract.ts';
import { PICTURES_TEXTS, type PicturesKey } from './pictures-texts.ts';
import { failureOf, type SendDeps, type SendFailure } from './send.ts';

function text(key: PicturesKey, values: Record<string, string> = {}): string {
  const lang = document.documentElement.lang;
  return PICTURES_TEXTS[isUiLanguage(lang) ? lang : 'ru'][key].replace(/\{(\w+)\}/g, (slot, name: string) => values[name] ?? slot);
}

/** Shows `key` in `el` and keeps it there, so a language switch re-renders it. */
function setText(el: HTMLElement, key: PicturesKey | '', values: Record<string, string> = {}): void {
  el.dataset.picturesKey = key;
  el.dataset.picturesValues = JSON.stringify(values);
  el.textContent = key ? text(key, values) : '';
}

function relabel(root: HTMLElement): void {
  root.querySelectorAll<HTMLElement>('[data-pictures-key]').forEach((el) => {
    const key = el.dataset.picturesKey as PicturesKey | '';
    const values = JSON.parse(el.dataset.picturesValues ?? '{}') as Record<string, string>;
    if (el instanceof HTMLImageElement) el.alt = key ? text(key, values) : '';
    else el.textContent = key ? text(key, values) : '';
  });
}

const KIND_KEYS: Record<MetadataKind, PicturesKey> = {
  gps: 'kindGps', camera: 'kindCamera', time: 'kindTime', thumbnail: 'kindThumbnail', exif: 'kindExif', xmp: 'kindXmp',
  iptc: 'kindIptc', icc: 'kindIcc', comment: 'kindComment', text: 'kindText', other: 'kindOther',
};

interface Picture {
  cleaned: ScrubResult;
  preview: string;
  item: HTMLLIElement;
}

export const mountPictures: MountPictures = ({ host }) => {
  const hint = document.createElement('p');
  hint.className = 'hint';
  setText(hint, 'hint');
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'picture-files';
  input.multiple = true;
  // PDFs may be chosen, to be told why they are refused.
  input.accept = 'image/jpeg,image/png,image/webp,application/pdf';
  input.hidden = true;
  const problem = document.createElement('p');
  problem.id = 'pictures-error';
  problem.className = 'error';
  problem.setAttribute('role', 'alert');
  const list = document.createElement('ul');
  list.id = 'picture-list';
  list.style.listStyle = 'none';
  list.style.padding = '0';
  host.append(hint, input, problem, list);
  const languageWatch = new MutationObserver(() => relabel(host));
  languageWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });

  let pictures: Picture[] = [];
  /** Sealed on encode, uploaded by upload: the bytes of this send only. */
  let sealed: Uint8Array[] = [];

  const remove = (picture: Picture): void => {
    URL.revokeObjectURL(picture.preview);
    picture.item.remove();
    pictures = pictures.filter((p) => p !== picture);
  };

  const add = (name: string, cleaned: ScrubResult): void => {
    const item = document.createElement('li');
    item.dataset.picture = cleaned.mediaType;
    const preview = URL.createObjectURL(new Blob([cleaned.bytes as Uint8Array<ArrayBuffer>], { type: cleaned.mediaType }));
    const image = document.createElement('img');
    image.src = preview;
    setText(image, 'preview', { name });
    image.alt = text('preview', { name });
    image.style.maxWidth = '12rem';
    image.style.maxHeight = '12rem';
    // What was found and removed: the lead, then each kind, each re-rendered on a language switch.
    const report = document.createElement('p');
    report.className = 'hint';
    const lead = document.createElement('span');
    setText(lead, cleaned.report.found.length > 0 ? 'removed' : 'nothingFound');
    report.append(lead);
    cleaned.report.found.forEach((kind, i) => {
      const part = document.createElement('span');
      part.dataset.kind = kind;
      setText(part, KIND_KEYS[kind]);
      report.append(i > 0 ? ', ' : ' ', part);
    });
    const title = document.createElement('strong');
    title.textContent = name;
    const drop = document.createElement('button');
    drop.type = 'button';
    setText(drop, 'remove');
    const picture: Picture = { cleaned, preview, item };
    drop.addEventListener('click', () => remove(picture));
    item.append(image, title, report, drop);
    list.append(item);
    pictures.push(picture);
  };

  input.addEventListener('change', async () => {
    setText(problem, '');
    for (const file of Array.from(input.files ?? [])) {
      if (pictures.length >= MAX_ATTACHMENTS) {
        setText(problem, 'tooMany');
        break;
      }
      let cleaned: ScrubResult;
      try {
        cleaned = scrubImage(new Uint8Array(await file.arrayBuffer()));
      } catch (error) {
        if (!(error instanceof MediaRefusal)) throw error;
        setText(problem, error.detectedType === 'pdf' ? 'refusedPdf' : 'refused', { name: file.name });
        continue;
      }
      const total = pictures.reduce((sum, p) => sum + p.cleaned.bytes.length, 0);
      if (total + cleaned.bytes.length > MAX_ATTACHMENT_TOTAL_BYTES) {
        setText(problem, 'tooLarge', { name: file.name });
        continue;
      }
      add(file.name, cleaned);
    }
    input.value = '';
  });

  // The form is reset after a story is sent and on quick exit: the pictures go with it.
  host.closest('form')?.addEventListener('reset', () => {
    [...pictures].forEach(remove);
    sealed = [];
    setText(problem, '');
  });

  const view: PicturesView = {
    choose: () => input.click(),
    encode(testimony: Testimony): Uint8Array {
      const keys: Uint8Array[] = [];
      try {
        sealed = pictures.map((p) => {
          const { key, sealed: bytes } = sealAttachment(p.cleaned.bytes);
          keys.push(key);
          return bytes;
        });
        const attachments = pictures.map((p, i) => ({ type: p.cleaned.mediaType, bytes: p.cleaned.bytes.length, key: b64uEncode(keys[i]!) }));
        return encodeTestimonyWithAttachments(attachments.length > 0 ? { ...testimony, attachments } : testimony);
      } finally {
        wipe(...keys);
      }
    },
    upload: async (deps) => (sealed.length > 0 ? upload(deps, sealed) : {}),
  };
  return view;
};

/** The upload (docs/API.md "Attachments"): proof of work priced for the sealed total, then every
 * chunk, the progress bar moving with each. */
async function upload(deps: SendDeps, files: readonly Uint8Array[]): Promise<{ token: string } | { failure: SendFailure }> {
  const sizes = files.map((f) => f.length);
  deps.onStage('work', 0);
  const asked = await deps.post('/api/v1/challenge', { uploadBytes: sizes.reduce((a, b) => a + b, 0) });
  const { challenge, difficulty } = (asked.body ?? {}) as { challenge?: string; difficulty?: number };
  if (asked.status !== 200 || typeof challenge !== 'string' || !Number.isInteger(difficulty)) return { failure: failureOf(asked) };
  const nonce = await deps.solve(challenge, difficulty!, (fraction) => deps.onStage('work', fraction));
  const made = await deps.post('/api/v1/uploads', { challenge, nonce, files: sizes });
  const token = (made.body as { upload?: unknown } | null)?.upload;
  if (made.status !== 201 || typeof token !== 'string') return { failure: failureOf(made) };
  const total = sizes.reduce((sum, size) => sum + sealedChunkCount(size), 0);
  let done = 0;
  deps.onStage('send', 0);
  for (const [file, bytes] of files.entries()) {
    for (let chunk = 0; chunk < sealedChunkCount(bytes.length); chunk++) {
      const body = bytes.subarray(chunk * ATTACHMENT_SEALED_CHUNK_BYTES, (chunk + 1) * ATTACHMENT_SEALED_CHUNK_BYTES);
      const failure = await putChunk(`/api/v1/uploads/${token}/${file}/${chunk}`, body);
      if (failure) return { failure };
      deps.onStage('send', ++done / total);
    }
  }
  return { token };
}

/** One chunk, tried twice before giving up (a dropped connection on a slow network). */
async function putChunk(path: string, body: Uint8Array): Promise<SendFailure | undefined> {
  let failure: SendFailure = 'network';
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const response = await fetch(path, {
        ...FETCH_OPTIONS, method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: body as Uint8Array<ArrayBuffer>,
      });
      if (response.ok) return undefined;
      failure = failureOf({ status: response.status, body: await response.json().catch(() => null) });
    } catch {
      failure = 'network';
    }
  }
  return failure;
}

(self as unknown as Record<string, unknown>)[PICTURES_EXPORT] = mountPictures;
