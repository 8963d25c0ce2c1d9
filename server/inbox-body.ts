// The inbox page's JSON (docs/API.md "GET /api/v1/inbox") built as bytes, piece by piece: the
// same bytes JSON.stringify would give (test alongside), without a page-sized string. A full page
// is megabytes of base64url; as one string it was stringified, scanned for Content-Length and
// encoded again on the event loop, and collecting it was the event loop's longest pause.

import { Buffer } from 'node:buffer';
import { b64uEncodeNative } from '../node-lib/b64u-native.ts';

export interface InboxPageJson {
  items: { id: string; day: string; envelope: Uint8Array; attachments: number[] }[];
  next: string | null;
  remaining: number;
  withdrawn: string[];
}

export function inboxPageBody(page: InboxPageJson): Buffer<ArrayBuffer> {
  const parts: Buffer[] = [Buffer.from('{"items":[')];
  page.items.forEach((item, index) => {
    parts.push(Buffer.from(`${index > 0 ? ',' : ''}{"id":${JSON.stringify(item.id)},"day":${JSON.stringify(item.day)},"envelope":"`));
    // The base64url alphabet needs no escaping in a JSON string.
    parts.push(Buffer.from(b64uEncodeNative(item.envelope), 'latin1'));
    parts.push(Buffer.from(`","attachments":${JSON.stringify(item.attachments)}}`));
  });
  parts.push(Buffer.from(`],"next":${JSON.stringify(page.next)},"remaining":${JSON.stringify(page.remaining)},"withdrawn":${JSON.stringify(page.withdrawn)}}`));
  return Buffer.concat(parts);
}
