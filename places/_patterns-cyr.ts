// Context patterns for Russian and Ukrainian (streets, metro, parks, venues in
// quotes, schools and hospitals, districts, villages): a head word fixes the kind and the
// name next to it is the place, even when no gazetteer knows it.
import type { PlaceKind } from './types.ts';
import { CAP, DATE_NAME, QUOTED, NUMBER, anyCase, headBefore, headAfter, quotedAfterPrep, standalone } from './_patterns.ts';
import type { Rule } from './_patterns.ts';
import { headTable } from './_kinds.ts';
import { NOT_A_PLACE_NOUN } from './_context.ts';

// Head words in the cases they take (Russian | Ukrainian), before the name, from the registry.
const HEADS = headTable('cyr.before');

// Head words after an adjective ("Невскому проспекту", "Свердловской области"): stems.
const HEADS_AFTER = headTable('cyr.after');

// Plural and irregular heads after an adjective, matched as whole words (гор ≠ город):
// "Патриарших прудов", "Воробьёвых горах", "Лівому березі".
const HEADS_AFTER_EXACT = headTable('cyr.afterExact');
// Numbers, "имени …" and quoted names after an adjective head belong to the phrase:
// "Городской клинической больнице № 40", "Областной больнице имени Семашко".
const TAIL_AFTER = `${NUMBER}|${QUOTED}|(?:имени|імені)\\s+(?:\\p{Lu}\\.\\s?){0,2}${CAP}(?:\\s+${CAP}){0,2}`;
// Lower-case names after abbreviated street heads (ул. ленина, пр. мира): an abbreviation is
// never followed by an ordinary word, so case does not matter here.
const ABBREV_STREET = 'ул\\.|вул\\.|пр\\.|просп\\.|пер\\.|пров\\.|пл\\.|наб\\.|б-р|пр-т|пр-кт';
const LOW_NAME = `\\p{Ll}[\\p{Ll}'’ʼ-]{2,40}(?:\\s+\\p{Ll}[\\p{Ll}'’ʼ-]{2,40})?`;
// Ordinal + head: "57-й школе", "1-ю городскую больницу", "3-тю лікарню", "9-м микрорайоне".
const ORDINAL = '\\d{1,4}(?:-?[а-яёії]{1,3})?';
const ORDINAL_HEADS = headTable('cyr.ordinal');

// Two-word names of public buildings, a place on their own in a town (Палац спорту, Дом книги).
const BUILDINGS = `(?:[дД]в[оа]р[её]?ц(?:а|е|ом)?|[пП]алац(?:у|і|ом)?|[дД][оі]м(?:а|е|у|ом)?|[бБ]удин(?:ок|ку|ком))\\s+(?:культуры|культури|спорта|спорту|пионеров|піонерів|молод[её]жи|молоді|книги|кино|кіно|офицеров|офіцерів|бракосочетания)`;
const PLACE_PREPS_CYR = 'в|во|на|у|из|из-за|до|возле|около|напротив|к|ко|від|біля|з|із|коло|навпроти|поблизу';

// Adjective endings; the one-letter Ukrainian ones only after a suffix (Сумська, Марсове).
const ADJ_END = 'ий|ый|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ей|ых|их|ыми|ими|ій|ої|ою|ім|іх|(?:[сц]ьк|ов|ев|ін|ин|н|ч)[аеіуя]';
// Bounded like CAP (_patterns.ts): linear time on long words and hyphenated chains.
const CAP_ADJ = `\\p{Lu}[\\p{L}'’ʼ]{0,40}(?:-\\p{L}{1,40}){0,4}(?:${ADJ_END})`;
const LOW_ADJ = `\\p{Ll}{2,40}(?:${ADJ_END})`;
const IMENI = `(?:имени|імені)\\s+(?:\\p{Lu}\\.\\s?){0,2}${CAP}(?:\\s+${CAP}){0,2}`;
// Up to three capitalised words, no "на" between them: "ДК Ленсовета на Петроградской
// стороне" is two places (Ростов на Дону is the gazetteer's).
const CAPSEQ = `${CAP}(?:\\s+${CAP}){0,2}`;

// Numbered institutions without a head word the table knows: an acronym and a number (ГКБ № 15,
// СОШ №3, ПТУ-5 is the gazetteer's), or a head with its qualifier (колледж связи № 54, школа для
// слепых № 2). Law codes and documents carry numbers too (ФЗ № 152, ст. 6.21).
const NOT_INSTITUTION = 'ФЗ|УК|ГК|НК|ТК|ЖК|ПП|ДТП|СНИЛС|ИНН|РФ|ЕС';
const NUMBERED = '(?:№|N)\\s?\\d{1,4}[а-яa-z]?(?![\\p{L}\\p{N}])';
const ACRONYM_NUMBERED: Rule = {
  kinds: ['institution'], nameAt: 'start', numberKinds: new Set<PlaceKind>(['institution']),
  re: new RegExp(`(?<![\\p{L}\\p{N}])(?<name>(?<k0>(?!(?:${NOT_INSTITUTION})\\s?[№N])\\p{Lu}{2,6})\\s?${NUMBERED})`, 'gu'),
};
const INSTITUTION_HEADS = HEADS.filter(([kind]) => kind === 'institution');
// A numbered institution after lower-case adjectives (жіночу консультацію № 2, городскую
// больницу №5): the number names it, whatever the case of the words before.
const INSTITUTION_STEMS = HEADS_AFTER.filter(([kind]) => kind === 'institution').map(([, h]) => h).join('|');
const LOWER_NUMBERED = `${LOW_ADJ}(?:\\s+${LOW_ADJ})?\\s+(?:${INSTITUTION_STEMS})\\p{L}*\\s+${NUMBERED}`;

// A proper name of two words, a capitalised adjective and a lower-case noun, after a place
// preposition (у Вечного огня, біля Вічного вогню, у Медного всадника): Russian and Ukrainian
// capitalise only the first word of a name. Holidays, wars, channels, courts and funds take the
// same shape (на Новый год, в Пенсионном фонде) and are not places (_context.ts).
const NAMED_PAIR_PREPS = 'у|возле|около|напротив|от|до|под|за|перед|біля|коло|навпроти|від|поблизу|к|ко';
const NAMED_PAIR: Rule = {
  kinds: ['landmark'], nameAt: 'end', numberKinds: new Set(), nameOnly: true,
  re: new RegExp(`(?<![\\p{L}\\p{N}])(?<k0>${anyCase(NAMED_PAIR_PREPS)})\\s+(?<name>${CAP_ADJ}\\s+(?!(?:${NOT_A_PLACE_NOUN}))\\p{Ll}{3,20})(?![\\p{L}-])`, 'gu'),
};

export function cyrillicRules(): Rule[] {
  // Numbers name schools and hospitals (школа № 17), not streets or metro lines.
  return [
    ACRONYM_NUMBERED,
    headBefore(INSTITUTION_HEADS, `(?:\\p{Ll}{2,20}\\s+){1,2}${NUMBERED}`, '', ['institution']),
    headBefore(HEADS, `${QUOTED}|${IMENI}|${DATE_NAME}|${NUMBER}|${CAPSEQ}`, '', ['institution', 'district']),
    headAfter(`${CAP_ADJ}(?:\\s+${LOW_ADJ}){0,2}`, [...HEADS_AFTER.map(([k, h]): [PlaceKind, string] => [k, `(?:${h})\\p{L}*`]), ...HEADS_AFTER_EXACT], TAIL_AFTER),
    headBefore([['street', ABBREV_STREET]], LOW_NAME),
    quotedAfterPrep('venue', PLACE_PREPS_CYR),
    standalone('venue', BUILDINGS),
    standalone('institution', LOWER_NUMBERED),
    { ...headAfter(`${ORDINAL}(?:\\s+${LOW_ADJ}){0,2}`, ORDINAL_HEADS), numberKinds: new Set<PlaceKind>(['institution', 'district']) },
    NAMED_PAIR,
  ];
}
