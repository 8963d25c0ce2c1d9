import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { b64uEncode, utf8Decode, utf8Encode } from './bytes.ts';
import { FormatError } from './errors.ts';
import { STORY_LANGUAGES } from './contract.ts';
import { encodeTestimony, isTestimony } from './testimony-encode.ts';
import { CONTACT_MAX_CHARS, REGIONS, STORY_MAX_CHARS, TITLE_MAX_CHARS } from './testimony-rules.ts';
import { TestimonySchema, decodeTestimony, type Testimony } from './testimony.ts';

const base: Testimony = { v: 1, story: 'Мы впервые поцеловались 🌈', language: 'ru', consent: true, replyKey: b64uEncode(new Uint8Array(32)) };

describe('testimony documents', () => {
  it('round-trip with every optional field', () => {
    const full: Testimony = { ...base, title: 'Первое свидание', region: 'ural', contact: 'Signal: …' };
    expect(decodeTestimony(encodeTestimony(full))).toEqual(full);
    expect(decodeTestimony(encodeTestimony(base))).toEqual(base);
  });

  it.each([
    ['an empty story', { ...base, story: '' }],
    ['no consent', { ...base, consent: false }],
    ['an unknown language', { ...base, language: 'de' }],
    ['a city as region', { ...base, region: 'Kazan' }],
    ['an unknown field', { ...base, ip: '1.2.3.4' }],
    ['a future version', { ...base, v: 2 }],
    ['a bad reply key', { ...base, replyKey: 'short' }],
  ])('refuse %s', (_name, doc) => {
    expect(() => encodeTestimony(doc as Testimony)).toThrow(FormatError);
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
  const document = fc.record({
    v: field(fc.constant(1), fc.constantFrom(2, '1')),
    story: text(1, STORY_MAX_CHARS),
    title: optional(text(0, TITLE_MAX_CHARS)),
    language: field(fc.constantFrom(...STORY_LANGUAGES), fc.constantFrom('de', 'RU')),
    region: optional(field(fc.constantFrom(...REGIONS), fc.constantFrom('Kazan', ''))),
    consent: field(fc.constant(true), fc.constantFrom(false, 'true')),
    contact: optional(text(0, CONTACT_MAX_CHARS)),
    replyKey: field(
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map(b64uEncode),
      fc.constantFrom('A'.repeat(42), 'A'.repeat(44), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}+`),
    ),
    ip: field(fc.constant(ABSENT), fc.constant('1.2.3.4')),
  }).map((doc) => Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== ABSENT)));
  // The same fields on an ordinary object, on one without a prototype, or on one that inherits an
  // enumerable unknown key (zod's strict check walks inherited keys too).
  const PARENTS = [Object.prototype, null, { ip: '1.2.3.4' }];
  const anyParent = fc.tuple(document, fc.nat(PARENTS.length - 1)).map(([doc, i]) => Object.assign(Object.create(PARENTS[i]!) as object, doc));
  const candidate = fc.oneof({ arbitrary: anyParent, weight: 20 }, { arbitrary: fc.constantFrom(null, 1, 'doc', [], [base]), weight: 1 });

  it('accepts exactly what TestimonySchema accepts', () => {
    const outcomes = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(candidate, (doc) => {
        const accepted = isTestimony(doc);
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
        if (!isTestimony(doc)) return;
        const present = Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== undefined));
        expect(decodeTestimony(encodeTestimony(doc))).toEqual(present);
        written++;
      }),
      { numRuns: 300 },
    );
    expect(written).toBeGreaterThan(30);
  });

  it('writes every field of the schema, in the schema\'s order, whatever order they were given in', () => {
    const full = { contact: 'Signal: …', region: 'ural', title: 'Первое свидание', ...base } as Testimony;
    expect(Object.keys(JSON.parse(utf8Decode(encodeTestimony(full))))).toEqual(Object.keys(TestimonySchema.shape));
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
