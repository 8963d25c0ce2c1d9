import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { b64uEncode, utf8Decode, utf8Encode } from './bytes.ts';
import { FormatError } from './errors.ts';
import { STORY_LANGUAGES } from './contract.ts';
import { encodeTestimonyWithAttachments, isAttachmentList } from './testimony-attachments.ts';
import { encodeTestimony, isTestimony } from './testimony-encode.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_TOTAL_BYTES } from './attachment-format.ts';
import { CONTACT_MAX_CHARS, REGIONS, STORY_MAX_CHARS, TITLE_MAX_CHARS } from './testimony-rules.ts';
import { TestimonySchema, decodeTestimony, type Testimony } from './testimony.ts';

const base: Testimony = { v: 1, story: 'Мы впервые поцеловались 🌈', language: 'ru', consent: true, replyKey: b64uEncode(new Uint8Array(32)) };

describe('testimony documents', () => {
  it('round-trip with every optional field', () => {
    const full: Testimony = {
      ...base, title: 'Первое свидание', region: 'ural', contact: 'Signal: …',
      attachments: [{ type: 'image/jpeg', bytes: 123_456, key: b64uEncode(new Uint8Array(32).fill(7)) }],
    };
    expect(decodeTestimony(encodeTestimonyWithAttachments(full))).toEqual(full);
    // Without the attachment rules (the page's first load), the field is refused.
    expect(() => encodeTestimony(full)).toThrow(FormatError);
    expect(decodeTestimony(encodeTestimony(base))).toEqual(base);
  });

  it.each([
    ['an empty story', { ...base, story: '' }],
    ['no consent', { ...base, consent: false }],
    ['an unknown language', { ...base, language: 'it' }],
    ['a city as region', { ...base, region: 'Kazan' }],
    ['an unknown field', { ...base, ip: '1.2.3.4' }],
    ['a future version', { ...base, v: 2 }],
    ['a bad reply key', { ...base, replyKey: 'short' }],
    ['a PDF attachment', { ...base, attachments: [{ type: 'application/pdf', bytes: 10, key: base.replyKey }] }],
    ['attachments over the total', { ...base, attachments: [{ type: 'image/png', bytes: MAX_ATTACHMENT_TOTAL_BYTES, key: base.replyKey }, { type: 'image/png', bytes: 1, key: base.replyKey }] }],
  ])('refuse %s', (_name, doc) => {
    expect(() => encodeTestimonyWithAttachments(doc as Testimony)).toThrow(FormatError);
    expect(() => decodeTestimony(utf8Encode(JSON.stringify(doc)))).toThrow(FormatError);
  });

  it('refuse a document over 1 MiB and payloads that are not JSON', () => {
    expect(() => encodeTestimony({ ...base, story: '\u0001'.repeat(190_000) })).toThrow('too long');
    expect(() => decodeTestimony(utf8Encode('not json'))).toThrow(FormatError);
    expect(() => decodeTestimony(new Uint8Array([0xff, 0xfe]))).toThrow(FormatError);
  });
});

describe('the page\'s zod-free check (testimony-encode.ts)', () => {
  // Each field is usually valid and sometimes wrong (past a limit, another type, undefined or
  // absent), so generated documents land on both sides of every rule.
  const ABSENT = Symbol('absent');
  const field = <T,>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown>) => fc.oneof(
    { arbitrary: valid, weight: 24 },
    { arbitrary: fc.oneof(wrong, fc.constantFrom(null, 1, false, [], {}, undefined, ABSENT)), weight: 1 },
  );
  // zod counts code points: max emoji (2·max UTF-16 units) fit, max + 1 do not.
  const text = (min: number, max: number) => field(
    fc.oneof(fc.string({ minLength: min, maxLength: 8 }), fc.constantFrom('x'.repeat(max), 'é'.repeat(max), '🌈'.repeat(max), `${'x'.repeat(max - 1)}\ud83c`)),
    fc.constantFrom('x'.repeat(max + 1), '🌈'.repeat(max + 1), `${'x'.repeat(max)}\ud83c`, ...(min > 0 ? [''] : [])),
  );
  const optional = <T,>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constantFrom(undefined, ABSENT));
  const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(b64uEncode);
  // Sizes near the total limit, so that lists land on both sides of it.
  const attachment = fc.record({
    type: fc.constantFrom(...ATTACHMENT_TYPES),
    bytes: fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(MAX_ATTACHMENT_TOTAL_BYTES / 2, MAX_ATTACHMENT_TOTAL_BYTES)),
    key: key32,
  });
  const wrongAttachment = fc.oneof(
    attachment.map((a) => ({ ...a, type: 'application/pdf' })),
    attachment.map((a) => ({ ...a, bytes: 0 })),
    attachment.map((a) => ({ ...a, bytes: 1.5 })),
    attachment.map((a) => ({ ...a, key: 'short' })),
    attachment.map((a) => ({ ...a, name: 'IMG_0001.jpg' })),
    attachment.map(({ key: _key, ...rest }) => rest),
  );
  const document = fc.record({
    v: field(fc.constant(1), fc.constantFrom(2, '1')),
    story: text(1, STORY_MAX_CHARS),
    title: optional(text(0, TITLE_MAX_CHARS)),
    language: field(fc.constantFrom(...STORY_LANGUAGES), fc.constantFrom('it', 'RU')),
    region: optional(field(fc.constantFrom(...REGIONS), fc.constantFrom('Kazan', ''))),
    consent: field(fc.constant(true), fc.constantFrom(false, 'true')),
    contact: optional(text(0, CONTACT_MAX_CHARS)),
    replyKey: field(
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map(b64uEncode),
      fc.constantFrom('A'.repeat(42), 'A'.repeat(44), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}+`),
    ),
    attachments: optional(field(
      fc.array(attachment, { minLength: 1, maxLength: 3 }),
      fc.oneof(fc.constant([]), fc.array(attachment, { minLength: 4, maxLength: 4 }), fc.array(wrongAttachment, { minLength: 1, maxLength: 2 })),
    )),
    ip: field(fc.constant(ABSENT), fc.constant('1.2.3.4')),
  }).map((doc) => Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== ABSENT)));
  // The same fields on an ordinary object, on one without a prototype, or on one that inherits an
  // enumerable unknown key (zod's strict check walks inherited keys too).
  const PARENTS = [Object.prototype, null, { ip: '1.2.3.4' }];
  const anyParent = fc.tuple(document, fc.nat(PARENTS.length - 1)).map(([doc, i]) => Object.assign(Object.create(PARENTS[i]!) as object, doc));
  const candidate = fc.oneof({ arbitrary: anyParent, weight: 20 }, { arbitrary: fc.constantFrom(null, 1, 'doc', [], [base]), weight: 1 });

  /** The page's two checks together: the document without its attachments, and their list. */
  const isPageTestimony = (doc: unknown): boolean => {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return isTestimony(doc);
    const { attachments, ...rest } = doc as Record<string, unknown>;
    // The spread copies own keys only: an inherited attachments list is an unknown field.
    const inherited = 'attachments' in doc && !Object.hasOwn(doc, 'attachments');
    return !inherited && isTestimony(Object.assign(Object.create(Object.getPrototypeOf(doc)), rest)) && (attachments === undefined || isAttachmentList(attachments));
  };

  it('accepts exactly what TestimonySchema accepts', () => {
    const outcomes = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(candidate, (doc) => {
        const accepted = isPageTestimony(doc);
        expect(accepted).toBe(TestimonySchema.safeParse(doc).success);
        outcomes[accepted ? 'accepted' : 'refused']++;
      }),
      { numRuns: 3000 },
    );
    // Both sides of the rules were exercised, not just the refusals.
    expect(outcomes.accepted).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  });

  it('writes what it accepted, and the CLI reads back the same document', () => {
    let written = 0;
    fc.assert(
      fc.property(document, (doc) => {
        if (!isPageTestimony(doc)) return;
        const present = Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== undefined));
        expect(decodeTestimony(encodeTestimonyWithAttachments(doc as Testimony))).toEqual(present);
        written++;
      }),
      { numRuns: 300 },
    );
    expect(written).toBeGreaterThan(30);
  });

  it('writes every field of the schema, in the schema\'s order, whatever order they were given in', () => {
    const full = { attachments: [{ key: base.replyKey, bytes: 9, type: 'image/png' }], contact: 'Signal: …', region: 'ural', title: 'Первое свидание', ...base } as Testimony;
    const written = JSON.parse(utf8Decode(encodeTestimonyWithAttachments(full)));
    expect(Object.keys(written)).toEqual(Object.keys(TestimonySchema.shape));
    expect(Object.keys(written.attachments[0])).toEqual(['type', 'bytes', 'key']);
    const reordered = { replyKey: base.replyKey, consent: true, language: 'ru', story: base.story, v: 1 } as Testimony;
    expect(encodeTestimony(reordered)).toEqual(encodeTestimony(base));
  });

  it('checks the JSON it writes, not just the object it was given', () => {
    const withToJson = Object.defineProperty({ ...base }, 'toJSON', { value: () => ({ ...base, story: '' }) });
    expect(() => encodeTestimony(withToJson)).toThrow(FormatError);
    let reads = 0;
    const changing = { ...base, get story() { return ++reads === 1 ? 'short' : 'x'.repeat(STORY_MAX_CHARS + 1); } };
    expect(() => encodeTestimony(changing)).toThrow(FormatError);
  });
});
