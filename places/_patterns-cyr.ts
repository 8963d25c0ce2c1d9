// Context patterns for Russian and Ukrainian (streets, metro, parks, venues in
// quotes, schools and hospitals, districts, villages): a head word fixes the kind and the
// name next to it is the place, even when no gazetteer knows it.
import type { PlaceKind } from './types.ts';
import { CAP, DATE_NAME, QUOTED, NUMBER, anyCase, calledAfterHead, headBefore, quotedAfterHead, headAfter, quotedAfterPrep, standalone } from './_patterns.ts';
import type { Rule } from './_patterns.ts';
import { headTable } from './_kinds.ts';
import { NOT_A_PLACE_NOUN } from './_context.ts';
import { startsWithFirstName } from './_people.ts';
import { NOT_DEMONYM } from './_match-gazetteer.ts';

// Head words in the cases they take (Russian | Ukrainian), before the name, from the registry.
const HEADS = headTable('cyr.before');

// Head words after an adjective ("Невскому проспекту", "Свердловской области"): stems.
const HEADS_AFTER = headTable('cyr.after');

// Plural and irregular heads after an adjective, matched as whole words (гор ≠ город):
// "Патриарших прудов", "Воробьёвых горах", "Лівому березі".
const HEADS_AFTER_EXACT = headTable('cyr.afterExact');
// Numbers, "имени …" and quoted names after an adjective head belong to the phrase:
// "Городской клинической больнице № 40", "Областной больнице имени Семашко".
const TAIL_AFTER = `${NUMBER}|${QUOTED}|(?:имени|імені|им\\.|ім\\.)\\s*(?:\\p{Lu}\\.\\s?){0,2}${CAP}(?:\\s+${CAP}){0,2}`;
// Lower-case names after abbreviated street heads (ул. ленина, пр. мира): an abbreviation is
// never followed by an ordinary word, so case does not matter here.
const ABBREV_STREET = 'ул\\.|вул\\.|пр\\.|просп\\.|пер\\.|пров\\.|пл\\.|наб\\.|б-р|пр-т|пр-кт';
// The second word is a name's only if it is not a short word or a verb (ул. студенческой нас знали).
const LOW_NAME = `\\p{Ll}[\\p{Ll}'’ʼ-]{2,40}(?:\\s+(?!\\p{Ll}+(?:л|ла|ли|ло|ть|ся|ет|ит|ют|ут|ят)(?![\\p{L}]))\\p{Ll}[\\p{Ll}'’ʼ-]{3,40})?`;
// Ordinal + head: "57-й школе", "1-ю городскую больницу", "3-тю лікарню", "9-м микрорайоне".
const ORDINAL = '\\d{1,4}(?:-?[а-яёії]{1,3})?';
const ORDINAL_HEADS = headTable('cyr.ordinal');

// Two-word names of public buildings, a place on their own in a town (Палац спорту, Дом книги).
// "Палац культури і науки", "Дворец культуры и спорта": a second field joined by "and" is part of the name.
const BUILDINGS = `(?:[дД]в[оа]р[её]?ц(?:а|е|ом)?|[пП]алац(?:у|і|ом)?|[дД][оі]м(?:а|е|у|ом)?|[бБ]удин(?:ок|ку|ком))\\s+(?:культуры|культури|спорта|спорту|пионеров|піонерів|молод[её]жи|молоді|книги|кино|кіно|офицеров|офіцерів|бракосочетания)(?:\\s+(?:и|і|та)\\s+(?:науки|спорта|спорту|техники|техніки|искусств|мистецтв|отдыха|відпочинку|творчества|творчості))?`;
const PLACE_PREPS_CYR = 'в|во|на|у|из|из-за|до|возле|около|напротив|к|ко|від|біля|з|із|коло|навпроти|поблизу';

// Adjective endings; the one-letter Ukrainian ones only after a suffix (Сумська, Марсове).
const ADJ_END = 'ий|ый|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ей|ых|их|ыми|ими|ій|ої|ою|ім|іх|(?:[сц]ьк|ов|ев|ін|ин|н|ч)[аеіуя]';
const ADJ_END_RE = `(?:${ADJ_END})`;
// Bounded like CAP (_patterns.ts): linear time on long words and hyphenated chains. The whole
// word is taken first and its ending checked once, looking back, instead of trying every ending
// at every letter.
const CAP_ADJ = `\\p{Lu}[\\p{L}'’ʼ]{0,40}(?:-\\p{L}{1,40}){0,4}(?![\\p{L}'’ʼ-])(?<=${ADJ_END_RE})`;
const LOW_ADJ = `\\p{Ll}{2,40}(?:${ADJ_END})`;
const IMENI = `(?:имени|імені|им\\.|ім\\.)\\s*(?:\\p{Lu}\\.\\s?){0,2}${CAP}(?:\\s+${CAP}){0,2}`;
// Up to three capitalised words, no "на" between them: "ДК Ленсовета на Петроградской
// стороне" is two places (Ростов на Дону is the gazetteer's).
const CAPSEQ = `${CAP}(?:\\s+${CAP}){0,2}`;
// A name of a capitalised adjective and a lower-case noun after a venue or institution head
// (клуб Центральная станция, кав'ярня Львівські пляцки); the noun is not a verb form.
const ADJ_NOUN = `${CAP_ADJ}\\s+(?!\\p{Ll}+(?:л|ла|ли|ло|ть|ться|ся|сь|ет|ит|ют|ут|ят|ать|ить)(?![\\p{L}]))\\p{Ll}{3,20}(?![\\p{L}-])`;
// A head with a genitive qualifier before a quoted name: салон красоты «Шарм», магазин одежды «Лето».
const QUALIFIED_QUOTED = `\\p{Ll}{4,20}(?:\\s+\\p{Ll}{4,20})?\\s+${QUOTED}`;
// Word ordinals before a numbered head (пятой школе, п'ятому мікрорайоні); "другой" is "another".
const ORDINAL_WORD = `(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|перш|четверт|п['’ʼ]?ят|шост|сьом|дев['’ʼ]?ят)(?:ый|ий|ой|ая|ое|ого|ому|ом|ую|ей|ій|а|у|е|ої|ою|ім)`;

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

// A street named by its adjectives alone, the head word dropped in speech: "на Большой
// Морской", "по Великій Житомирській", "на 5-й Линейной". One capitalised adjective alone is
// left to the gazetteer and the fallback (на Садовой). A first name opening the pair is a
// person with a surname (с Верой Надеждиной: company), not two adjectives.
const ELLIPSIS_PREPS = 'на|по|с|со|от|до|вдоль|з|зі|із|від|вздовж|уздовж';
const STREET_BY_ADJECTIVES: Rule = {
  kinds: ['street'], nameAt: 'end', numberKinds: new Set(), nameOnly: true,
  veto: startsWithFirstName,
  re: new RegExp(`(?<![\\p{L}\\p{N}])(?<k0>${anyCase(ELLIPSIS_PREPS)})\\s+(?<name>(?:${ORDINAL}\\s+${CAP_ADJ}|${CAP_ADJ}\\s+${CAP_ADJ})(?:\\s+${CAP_ADJ})?)(?![\\p{L}-])`, 'gu'),
};

// Lower-case in chat style: a place adjective (-ск-) before a street head (оболонській
// набережній, на московской улице), or alone after a preposition when the next word does not
// agree with it, so it names a street or a station by itself (на маяковской пересаживаюсь,
// до ладожской и пешком, на гороховой) rather than qualifying a noun (на детской площадке).
const NOT_PLACE_ADJ = `(?!(?:${[...NOT_DEMONYM].join('|')}))`;
const LOW_SK_ADJ = `${NOT_PLACE_ADJ}\\p{Ll}{2,30}(?:ськ|цьк|зьк|ск|цк)(?:${ADJ_END})`;
const STREET_HEADS_AFTER = HEADS_AFTER.filter(([kind]) => kind === 'street').map(([, h]) => h).join('|');
const LOW_STREET: Rule = headAfter(LOW_SK_ADJ, [['street', `(?:${STREET_HEADS_AFTER})\\p{L}*`]]);
const FEMININE_OBLIQUE = '(?:ой|ій|ую|ей)';
// A noun agreeing with the adjective (площадке, службе), not a verb in -ли (остановили).
const AGREEING = '(?!\\p{Ll}+л[иіао](?![\\p{L}]))\\p{Ll}+(?:е|и|і|ой|ою|у|ю|ей|ій)';
const LOW_ELLIPSIS: Rule = {
  kinds: ['street'], nameAt: 'end', numberKinds: new Set(), nameOnly: true,
  re: new RegExp(`(?<![\\p{L}\\p{N}])(?<k0>${ELLIPSIS_PREPS})\\s+(?<name>${NOT_PLACE_ADJ}(?!(?:нов|готов|здоров|основ|дешев|суров)${FEMININE_OBLIQUE})\\p{Ll}{2,30}(?:ськ|цьк|ск|цк|ов|ев)${FEMININE_OBLIQUE})(?![\\p{L}-])(?!\\s+${AGREEING}(?![\\p{L}]))`, 'gu'),
};

// A quoted name after a place preposition and a lower-case noun the tables lack: that noun says
// what the place is (в антикафе «Циферблат», у хінкальні «Сулугуні»). Works, media and
// groups take quoted names too (в газете «Правда», в группе «Подслушано») and are left out.
const NOT_PLACE_HEAD = 'газет|журнал|фильм|сериал|песн|пісн|книг|книж|групп|груп|чат|канал|приложени|застосун|программ|програм|передач|игр|гр[іи]|спектакл|вистав|шоу|паблик|пабл|сообществ|спільнот|телеграм|проект|проєкт|парти|движени|рух|акци|конкурс|сайт|блог|подкаст|статт|стать|мультфильм|мультик|альбом|клип|кліп|роман|повест|стих|вірш|рубрик|номер|тред|сторис|рол|образ|команд|сети|мережі';

// A quoted name set off by a comma or a dash a few words after a venue or institution head:
// "один клуб на весь город, «Нефтяник»,", "работаю на заводе — «Прогресс»." The name closes its
// clause (a comma or a full stop follows) or a street follows it ("є один бар, де можна бути собою, —
// «…» на вулиці …"), unlike "в школе, «Пятёрка» у меня по всем". The span is the name.
const VENUE_OR_INSTITUTION = new Set<PlaceKind>(['venue', 'institution']);
const VENUE_INSTITUTION_HEADS = HEADS.filter(([kind]) => VENUE_OR_INSTITUTION.has(kind)).map(([, h]) => h).join('|');
const QUOTED_APPOSITION: Rule = {
  kinds: ['venue'], nameAt: 'end', numberKinds: new Set(), nameOnly: true,
  re: new RegExp(`(?<![\\p{L}\\p{N}])(?<k0>${anyCase(VENUE_INSTITUTION_HEADS)})(?![\\p{L}])(?:,?\\s+[\\p{L}-]{1,20}){0,6}\\s*[,—–](?:\\s*[—–])?\\s*(?<name>[«"“„]\\s?\\p{Lu}[^«»"“”„\\n]{0,59}?[»"”“])(?=\\s*(?:[,.;:!?)—–]|$)|\\s+(?:на|по)\\s+(?:улиц|вулиц|проспект|площ|бульвар))`, 'gu'),
};

// An acronym before a quoted name is what the place is: ОВД «Арбат», ГБОУ «Лицей 1», ООО «Вектор».
const ACRONYM_QUOTED: Rule = {
  kinds: ['institution'], nameAt: 'end', numberKinds: new Set(),
  re: new RegExp(`(?<![\\p{L}\\p{N}])(?<k0>\\p{Lu}{2,6})\\s?(?<name>[«"“„]\\s?\\p{Lu}[^«»"“”„\\n]{0,59}?[»"”“])`, 'gu'),
};

export function cyrillicRules(): Rule[] {
  // Numbers name schools and hospitals (школа № 17), not streets or metro lines.
  return [
    ACRONYM_NUMBERED,
    headBefore(INSTITUTION_HEADS, `(?:\\p{Ll}{2,20}\\s+){1,2}${NUMBERED}`, '', ['institution']),
    headBefore(HEADS, `${QUOTED}|${IMENI}|${DATE_NAME}|${NUMBER}|${CAPSEQ}`, '', ['institution', 'district']),
    headBefore(HEADS.filter(([kind]) => VENUE_OR_INSTITUTION.has(kind)), `${ADJ_NOUN}|${QUALIFIED_QUOTED}`),
    // An acronym (МГТУ, СПбГУ, УрФУ) named after someone: МГТУ им. Баумана (after the head
    // words: ЦПКиО имени Горького stays a park).
    standalone('institution', `\\p{Lu}(?:\\p{Lu}|\\p{Ll}(?=\\p{Lu})){1,7}\\s+${IMENI}`),
    headAfter(`(?:${ORDINAL}\\s+)?${CAP_ADJ}(?:\\s+${LOW_ADJ}){0,2}`, [...HEADS_AFTER.map(([k, h]): [PlaceKind, string] => [k, `(?:${h})\\p{L}*`]), ...HEADS_AFTER_EXACT], TAIL_AFTER),
    headBefore([['street', ABBREV_STREET]], LOW_NAME),
    // "у ст м площадь маркса", "ст. м. чернігівська": the metro abbreviation, any case after it.
    headBefore([['metro', 'ст\\.?\\s?м\\.?']], `${LOW_NAME}|${CAP}(?:\\s+${CAP})?`),
    // "Дворца Республики", "Палацу Україна": a palace named by a capitalised word is a building of its town.
    standalone('venue', `[дД]в[оа]р[её]?ц(?:а|е|у|ом)?\\s+\\p{Lu}\\p{Ll}{3,30}|[пП]алац(?:у|і|ом)?\\s+\\p{Lu}\\p{Ll}{3,30}`),
    quotedAfterPrep('venue', PLACE_PREPS_CYR),
    standalone('venue', BUILDINGS),
    // A house of culture named after its trade: ДК железнодорожников, ДК строителей.
    standalone('venue', `ДК\\s+\\p{Ll}{3,30}(?:ов|ев|ей|ых|их|ів)`),
    standalone('institution', LOWER_NUMBERED),
    // "жила в Воронеже на левом берегу": a city's left or right bank, written in lower case, is
    // its district (Левый берег); a river after it makes it the river's bank.
    standalone('district', `(?<=(?:^|[^\\p{L}])[нН]а\\s+)(?:левом|правом|лівому|правому)\\s+(?:берегу|березі)(?!\\s+\\p{Lu}|\\s+(?:реки|річки|озера|моря|пруда|ставка|канала|каналу))`),
    { ...headAfter(`(?:${ORDINAL}|${ORDINAL_WORD})(?:\\s+${LOW_ADJ}){0,2}`, ORDINAL_HEADS), numberKinds: new Set<PlaceKind>(['institution', 'district']) },
    NAMED_PAIR,
    quotedAfterHead(PLACE_PREPS_CYR, '', NOT_PLACE_HEAD),
    STREET_BY_ADJECTIVES,
    QUOTED_APPOSITION,
    ACRONYM_QUOTED,
    calledAfterHead(VENUE_INSTITUTION_HEADS, 'под\\s+названием|с\\s+названием|называется|называлс[яь]|называлась|назывался|называлось|під\\s+назвою|з\\s+назвою|називається|називався|називалася|називалось', `${QUOTED}|${CAPSEQ}`),
    LOW_STREET,
    LOW_ELLIPSIS,
  ];
}
