// The place-kind registry (data/kinds.json) is complete and is what detection and replacement use.
import { describe, expect, it } from 'vitest';
import { KIND_REGISTRY, headTable, kindLabel } from '../_kinds.ts';
import type { HeadTable } from '../_kinds.ts';
import { applyReplacements, loadDetector, suggestReplacements } from '../index.ts';

const TABLES: HeadTable[] = ['cyr.before', 'cyr.after', 'cyr.afterExact', 'cyr.ordinal', 'en.after', 'en.before.quoted',
  'en.before.number', 'en.before.name', 'en.before.quotedOrName', 'translit.before', 'fr.before'];
const PLACE_KINDS = ['city', 'town', 'district', 'street', 'metro', 'park', 'venue', 'institution', 'landmark', 'region'];

describe('kind registry', () => {
  it('labels every place kind in six Russian and Ukrainian cases and in English and French', () => {
    expect(KIND_REGISTRY.map(([k]) => k).sort()).toEqual([...PLACE_KINDS].sort());
    for (const [kind, { label }] of KIND_REGISTRY) {
      expect(label.ru, kind).toHaveLength(6);
      expect(label.uk, kind).toHaveLength(6);
      expect(label.en && label.fr, kind).toBeTruthy();
    }
  });

  it('holds head words for every pattern table, each a valid regexp, and no table is empty', () => {
    for (const t of TABLES) {
      const rows = headTable(t);
      expect(rows.length, t).toBeGreaterThan(0);
      for (const [, source] of rows) expect(() => new RegExp(source, 'u')).not.toThrow();
    }
  });

  it('is what the detector and the replacements read', () => {
    const d = loadDetector();
    const text = 'Мы жили в микрорайоне Солнечном, у школы № 12.';
    const spans = d.detect(text, 'ru');
    expect(spans.map((s) => s.kind)).toEqual(['district', 'institution']);
    expect(applyReplacements(text, suggestReplacements(text, 'ru', spans))).toBe('Мы жили в микрорайоне N, у школы M.');
    // A span without a head word reads with its kind's label in the case of the original.
    const park = 'Жили на Вторчермете.';
    const kinds = d.detect(park, 'ru');
    expect(kinds.map((s) => s.kind)).toEqual(['district']);
    expect(applyReplacements(park, suggestReplacements(park, 'ru', kinds))).toBe(`Жили на [${kindLabel('district').ru[5]}].`);
  });
});
