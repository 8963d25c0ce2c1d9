import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { b64uEncode } from '../crypto/bytes.ts';
import { inboxPageBody, type InboxPageJson } from './inbox-body.ts';

/** What the route answered before, with JSON.stringify over the whole page. */
const stringified = (page: InboxPageJson): string =>
  JSON.stringify({ ...page, items: page.items.map((item) => ({ id: item.id, day: item.day, envelope: b64uEncode(item.envelope), attachments: item.attachments })) });

describe('inboxPageBody', () => {
  it('writes the very bytes JSON.stringify writes, for full, empty and odd-sized pages', () => {
    const item = (length: number, day: string, attachments: number[] = []) => ({ id: b64uEncode(randomBytes(16)), day, envelope: randomBytes(length), attachments });
    const pages: InboxPageJson[] = [
      { items: [], next: null, remaining: 0, withdrawn: [] },
      { items: [item(1, '2026-11-20')], next: null, remaining: 0, withdrawn: [b64uEncode(randomBytes(16))] },
      { items: [item(16_385, '2026-11-20'), item(8_192, '2026-11-21', [1_048_576, 33]), item(2, '2026-11-21')], next: '2026-11-21.AAAAAAAAAAAAAAAAAAAAAA', remaining: 12_345, withdrawn: [] },
    ];
    for (const page of pages) {
      const body = inboxPageBody(page);
      expect(body.toString('utf8')).toBe(stringified(page));
      expect(JSON.parse(body.toString('utf8')).items).toHaveLength(page.items.length);
    }
  });
});
