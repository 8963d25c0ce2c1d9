import { describe, expect, it } from 'vitest';
import { partsByAttachmentBytes } from './pull.ts';

const item = (name: string, ...attachments: number[]) => ({ name, attachments });
const names = (parts: { name: string }[][]) => parts.map((part) => part.map((i) => i.name).join(''));

describe('pull: a page cut into parts of bounded picture bytes', () => {
  it('keeps the order, fills each part up to the limit, and gives an oversized story a part of its own', () => {
    const page = [item('a', 40), item('b'), item('c', 35, 30), item('d', 250), item('e', 10), item('f')];
    expect(names(partsByAttachmentBytes(page, 100))).toEqual(['ab', 'c', 'd', 'ef']);
  });

  it('stories without pictures stay in one part; an empty page is one empty part (its withdrawals still count)', () => {
    expect(names(partsByAttachmentBytes([item('a'), item('b'), item('c')], 1))).toEqual(['abc']);
    expect(partsByAttachmentBytes([], 100)).toEqual([[]]);
  });
});
