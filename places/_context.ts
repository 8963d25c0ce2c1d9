// Word-context judgements shared by the gazetteer matcher and the fallback: is this capitalised
// word company (з Андрієм), a holiday (День Победы), a common word opening a sentence (Nice
// people…, Reading his message…), and which words may sit between a preposition and a name.
import type { Token } from './_text.ts';
import { joins } from './_text.ts';
import { isKnownFirstName } from './_people.ts';

// "с/з" + instrumental is company (с Олей, з Андрієм, із Оксаною); + genitive it is "from".
const WITH = new Set(['с', 'со', 'з', 'із', 'зі', 'зо']);
const INSTRUMENTAL = /(?:ой|ей|ом|ем|ою|ею|ам|ям|ами|ями|ым|им|ім|ью)$/;

export function isCompany(tokens: Token[], i: number): boolean {
  const t = tokens[i], prev = tokens[i - 1];
  if (!t || !prev) return false;
  return (WITH.has(prev.norm) && INSTRUMENTAL.test(t.norm)) || LATIN_WITH.has(prev.norm);
}

// "with Marina", "chez Marina", "avec Nice"? — a person's company or home, not a town.
const LATIN_WITH = new Set(['with', 'avec', 'chez']);
// "у Марины", "к Марине", "для Нади": a person's home or a person, when the word is a first name.
const PERSON_PREPS = new Set(['у', 'к', 'ко', 'для', 'при', 'про']);

/** A first name after a preposition that takes people (у Марины, к Наде, для Веры). */
export function isPersonContext(tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return !!prev && PERSON_PREPS.has(prev.norm);
}

// Titles before a surname: "судья Иванова" is a judge, not Иваново.
const TITLES = new Set(`судья судьи судье судьей следователь следователя участковый участкового майор майора капитан капитана
лейтенант лейтенанта сержант сержанта директор директора директриса учитель учителя учительница учительницы
врач врача доктор доктора профессор профессора доцент доцента депутат депутата начальник начальника
господин госпожа гражданин гражданка товарищ пан пані суддя слідчий лікар вчитель вчителька mr mrs ms dr judge officer`.split(/\s+/));

// Reading or quoting an author: "читала Чехова", "перечитывал Лермонтова", "read Chekhov".
const READING = /^(?:(?:пере|про)?чит[аыу]\p{L}*|цитир\p{L}*|цитува\p{L}*|read|reading|reads|quoted|quoting|lisait|lis|lit|lu|lire)$/u;

// Words after which a name is a person's: works and likenesses (стихи Есенина, портрет Ленина,
// poems by Akhmatova, poèmes de Tsvetaïeva) and dedications (в честь Гагарина, имени Кирова,
// named after Korolev, en l'honneur de Gagarine).
const PERSON_CUE = /^(?:стих\p{L}*|поэм\p{L}*|поэзи\p{L}*|роман\p{L}*|книг\p{L}*|рассказ\p{L}*|песн\p{L}*|портрет\p{L}*|биографи\p{L}*|творчеств\p{L}*|вірш\p{L}*|поезі\p{L}*|пісн\p{L}*|біографі\p{L}*|честь|честі|имени|імені|памяти|памяті)$/u;
// In English and French the cue takes a small word before the name (poems by X, portrait of X,
// named after X, poèmes de X, en l'honneur de X); so does a body part held (la main de X, the hand of X).
const LINKED_CUE = /^(?:hands?|arms?|mains?|bras|poems?|poetry|books?|novels?|songs?|portraits?|works|biography|named|honou?r|poemes?|poesie|livres?|romans?|chansons?|oeuvres?|biographie|honneur)$/u;
const CUE_LINK = new Set(['by', 'of', 'after', 'de', 'd', 'du']);
// A relation after a possessive names a person: "my partner Sydney", "ma copine Florence", "моя подруга Вика".
const RELATION = /^(?:partner|friend|boyfriend|girlfriend|husband|wife|brother|sister|cousin|colleague|roommate|flatmate|ex|ami|amie|copain|copine|compagne|compagnon|mari|femme|frere|soeur|collegue|coloc|друг|подруга|парень|девушка|муж|жена|брат|сестра|партнер|партнёр|партнерша|дружина|чоловік|хлопець|дівчина|подруга)$/u;
const POSSESSIVE = new Set(['my', 'our', 'his', 'her', 'their', 'mon', 'ma', 'notre', 'son', 'sa', 'мой', 'моя', 'мій', 'моя', 'наш', 'наша']);
// Pronouns a verb of reading may take before the author (читал мне Пушкина, read us Chekhov).
const READ_TO = new Set(['мне', 'нам', 'ему', 'ей', 'им', 'тебе', 'вам', 'мені', 'нам', 'йому', 'їй', 'me', 'us', 'him', 'her', 'them', 'you']);
// Words that join names in a list (Пушкина и Лермонтова, Akhmatova and Tsvetaeva).
const AND = new Set(['и', 'і', 'й', 'та', 'and', 'et']);

/** A surname position: after a title (судья Иванова), a first name (Анна Королёва), a verb of
 * reading (читала [мне] Чехова: the author, not the town of Chekhov), a work or a dedication
 * (стихи Есенина, в честь Гагарина, poèmes de Tsvetaïeva), or after "и" following such a name. */
export function isSurname(tokens: Token[], i: number, isFirstName: (j: number) => boolean, depth = 0): boolean {
  const prev = tokens[i - 1], prev2 = tokens[i - 2];
  if (!prev) return false;
  if (TITLES.has(prev.norm) || titleOfPlaceOfWork(tokens, i) || READING.test(prev.norm) || (prev.cap && isFirstName(i - 1)) || afterPersonCue(tokens, i)) return true;
  if (!prev2) return false;
  if (READ_TO.has(prev.norm) && READING.test(prev2.norm)) return true;
  return depth < 3 && AND.has(prev.norm) && prev2.cap && isSurname(tokens, i - 2, isFirstName, depth + 1);
}

/** "начальник цеха Королёв", "директор школы Иванова": a title, then the lower-case genitive of
 * where the person works, then the surname. */
function titleOfPlaceOfWork(tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1], prev2 = tokens[i - 2];
  return !!prev && !!prev2 && prev.cyr && !prev.cap && !prev.upper && /[аяиыуюі]$/u.test(prev.norm) && TITLES.has(prev2.norm);
}

/** After a work or a dedication (стихи Есенина, poèmes de Tsvetaïeva): a person even after a
 * word that is also a place preposition. */
export function afterPersonCue(tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1], prev2 = tokens[i - 2];
  if (!prev) return false;
  return PERSON_CUE.test(prev.norm) || (!!prev2 && ((CUE_LINK.has(prev.norm) && LINKED_CUE.test(prev2.norm)) || (RELATION.test(prev.norm) && POSSESSIVE.has(prev2.norm))));
}

// День Победы, День России, день города: the word after "day" names a holiday; the word after a
// capitalised event noun (Марш Свободи, Парад Победы) names the event.
const DAY = new Set(['день', 'дня', 'дню', 'днем', 'днём', 'днi', 'дні']);

export function isHoliday(tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return !!prev && (DAY.has(prev.norm) || (prev.cap && isEventName(prev)));
}

// Марш Рівності, Парад гордости, Фестиваль «Бок о бок»: a capitalised event noun opens the name of
// an event, not of a place.
const EVENT_NOUN = /^(?:марш|парад|прайд|фестивал|фестиваль|митинг|мітинг|пикет|пікет|акци|акці|march|parade|pride|festival|marche|défilé|defile)\p{L}{0,4}$/u;

export function isEventName(t: Token): boolean {
  return EVENT_NOUN.test(t.norm);
}

/**
 * Words allowed between a place preposition and the name it governs: "до самой Гороховой",
 * "by the Pregolya", "le long de la Neva". The caller checks that the word before is a preposition.
 */
export const BETWEEN_PREP_AND_NAME = new Set(
  'самой самого самую самом самый самої самого самому всей всего всю всьому всієї нашей нашего нашу нашем нашої нашому моей моего мою моем моём моєї моєму этой этого этом эту той того тот тієї цієї цьому the la le les l'.split(' '),
);

// Latin names that are also everyday words (Nice people…, Reading his message…): at a
// sentence start they are places only before a verb or punctuation.
const LATIN_COMMON = new Set('nice reading tours orange split bath mobile sale hull angers grasse bar marine mira'.split(' '));
const PLACE_VERBS = new Set('is was has had became seemed remains felt looked est était a avait reste semblait'.split(' '));

export function isCommonWordAtStart(text: string, tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (!t || t.cyr || !t.sentStart || !LATIN_COMMON.has(t.norm)) return false;
  const next = tokens[i + 1];
  if (!next) return false;
  if (/^\s*[,;:.!?—–-]/.test(text.slice(t.end, next.start))) return false;
  return !PLACE_VERBS.has(next.norm);
}

// "Пангоды — посёлок на Ямале", "Revda is a small town": a sentence that opens by defining
// its first word names a place even when the word is a small town's name.
const DEFINING = new Set(['это', 'is', 'was', 'est', 'était', 'це']);

export function isDefined(text: string, tokens: Token[], i: number): boolean {
  const t = tokens[i], next = tokens[i + 1];
  if (!t) return false;
  if (/^\s*[—–]/.test(text.slice(t.end, t.end + 3))) return true;
  return !!next && DEFINING.has(next.norm) && /^[\s,]*$/.test(text.slice(t.end, next.start));
}

// Nouns that a capitalised adjective turns into a holiday, a war, an organisation or a time, not
// a place: Новый год, Прощёное воскресенье, Пенсионный фонд, Верховный суд (канал stays: Обводный канал).
export const NOT_A_PLACE_NOUN = 'год|рок|войн|війн|комитет|комітет|фонд|суд|служб|парти|армі|армии|флот|церк|союз|банк|совет|рад[аиуі]|праздник|свят|пятниц|п.ятниц|недел|тиждень|тижн|дн[яюеі]|день|ноч|пост|колен|век|столітт|зим|лет|літ|воскрес|неділ|суббот|субот|понед|вторник|вівтор|четв|сред|серед';
const NOT_A_PLACE_NOUN_RE = new RegExp(`^(?:${NOT_A_PLACE_NOUN})`, 'u');

// Russian/Ukrainian adjective endings: only an adjective names the noun after it ("Казань зимой"
// is the city in winter, "Пенсионный фонд" an organisation).
const ADJECTIVE_END = /(?:ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ей|ых|их|ыми|ими|ій|ої|ою|ім|іх|е)$/u;

// "I've", "we'll", "they're": an English contraction is never a place (I've is no Ivye).
const ENGLISH_CONTRACTION = /^\p{L}+['’](?:ve|ll|re|m|d)$/iu;

export function isContraction(raw: string): boolean {
  return ENGLISH_CONTRACTION.test(raw);
}

/** "в Пенсионном фонде", "до Нового года": an adjective naming the noun after it, not a town. */
export function namesTheNounAfter(text: string, tokens: Token[], i: number): boolean {
  const t = tokens[i], next = tokens[i + 1];
  return !!t && !!next && t.cyr && ADJECTIVE_END.test(t.norm) && !next.cap && !next.upper && joins(text, t, next) && NOT_A_PLACE_NOUN_RE.test(next.norm);
}

// "на Карла Маркса", "по Лесі Українки": a first name in the genitive and a surname after
// "на"/"по" is the street named after the person (the head word "улица" is dropped in speech).
const STREET_BY_PERSON_PREPS = new Set(['на', 'по', 'вдоль', 'уздовж']);
const GENITIVE_FIRST_NAME = /[аяиыії]$/u;

/** Token i opens "first name + surname" after на/по: a street (the caller checks `taken`). */
export function isStreetByPerson(text: string, tokens: Token[], i: number): boolean {
  const t = tokens[i], prev = tokens[i - 1], next = tokens[i + 1];
  if (!t || !prev || !next || !t.cyr || !STREET_BY_PERSON_PREPS.has(prev.norm) || !GENITIVE_FIRST_NAME.test(t.norm) || !isKnownFirstName(t)) return false;
  return next.cap && !next.upper && joins(text, prev, t) && joins(text, t, next);
}
