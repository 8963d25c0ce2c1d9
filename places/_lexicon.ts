// Small curated word lists: countries (kept by policy), stop words that look like places,
// person names that are also towns, and the place prepositions of each language.

/** Countries; detected as kind `country` with keep: true. Continents are STOP_WORDS: broader
 * than a country, never replaced, and not annotated as places. */
export const COUNTRIES: string[] = [
  'Россия|РФ|Российская Федерация|Russia|Russie|Росія|Russian Federation', 'Украина|Україна|Ukraine', 'Беларусь|Белоруссия|Білорусь|Belarus|Biélorussie',
  'Казахстан|Kazakhstan', 'Грузия|Грузія|Georgia|Géorgie', 'Армения|Вірменія|Armenia|Arménie', 'Азербайджан|Azerbaijan|Azerbaïdjan',
  'Молдова|Молдавия|Moldova|Moldavie', 'Узбекистан|Uzbekistan|Ouzbékistan', 'Кыргызстан|Киргизия|Kyrgyzstan|Kirghizistan', 'Таджикистан|Tajikistan|Tadjikistan',
  'Туркменистан|Turkmenistan', 'Латвия|Латвія|Latvia|Lettonie', 'Литва|Lithuania|Lituanie', 'Эстония|Естонія|Estonia|Estonie',
  'Германия|Німеччина|Germany|Allemagne', 'Франция|Франція|France', 'Испания|Іспанія|Spain|Espagne', 'Италия|Італія|Italy|Italie',
  'Польша|Польща|Poland|Pologne', 'Чехия|Чехія|Czechia|Czech Republic|Tchéquie', 'Финляндия|Фінляндія|Finland|Finlande', 'Швеция|Швеція|Sweden|Suède',
  'Норвегия|Норвегія|Norway|Norvège', 'Дания|Данія|Denmark|Danemark', 'Нидерланды|Голландия|Нідерланди|Netherlands|Holland|Pays-Bas',
  'Бельгия|Бельгія|Belgium|Belgique', 'Швейцария|Швейцарія|Switzerland|Suisse', 'Австрия|Австрія|Austria|Autriche', 'Великобритания|Британия|Англия|Велика Британія|Англія|Britain|Great Britain|United Kingdom|England|Angleterre|Royaume-Uni',
  'Ирландия|Ireland|Irlande', 'Португалия|Portugal', 'Греция|Greece|Grèce', 'Турция|Туреччина|Turkey|Türkiye|Turquie', 'Израиль|Ізраїль|Israel|Israël',
  'Сербия|Сербія|Serbia|Serbie', 'Черногория|Чорногорія|Montenegro|Monténégro', 'Болгария|Bulgaria|Bulgarie', 'Румыния|Romania|Roumanie', 'Венгрия|Hungary|Hongrie',
  'США|Америка|Соединённые Штаты|USA|United States|America|États-Unis|Etats-Unis|Amérique', 'Канада|Canada', 'Мексика|Mexico|Mexique', 'Аргентина|Argentina|Argentine',
  'Бразилия|Brazil|Brésil', 'Китай|China|Chine', 'Япония|Japan|Japon', 'Таиланд|Thailand|Thaïlande', 'Индия|India|Inde', 'ОАЭ|Эмираты|UAE|Emirates',
  'Австралия|Australia|Australie', 'Кипр|Cyprus|Chypre', 'Монголия|Mongolia|Mongolie', 'Исландия|Iceland|Islande',
];

/** Capitalised words that are not places even after a preposition (lower-cased, folded). */
export const STOP_WORDS = new Set<string>([
  // months and days (ru, uk, en, fr)
  ...'январ феврал март апрел мая май июн июл август сентябр октябр ноябр декабр понедельник вторник сред четверг пятниц суббот воскресень'.split(' '),
  ...'січ лют берез квітн травн червн липн серпн верес жовтн листопад груд'.split(' '),
  ...'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday'.split(' '),
  ...'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche'.split(' '),
  // holidays, religion, services, media, institutions of the state
  ...'бог бога боге богу господ пасх рождеств новый нов instagram инстаграм инстаграме телеграм telegram whatsapp вотсап ватсап вк вконтакт facebook фейсбук youtube ютуб tiktok тикток google гугл zoom зум skype скайп twitter твиттер grindr гриндр tinder тиндер хабр госуслуг'.split(' '),
  ...'god christmas easter noel paques dieu internet bible bibl'.split(' '),
  // scriptures and Ukrainian holidays (Библии, Великдень)
  ...'библи библия евангели коран тор біблі великден великдн різдв'.split(' '),
  ...'фсб мвд мфц загс загсе оон лгбт лгбтк квир рпц цб дума думе ес'.split(' '),
  // continents ("в Европу", "go back to Europe")
  ...'европ ази азі африк europe asia asie africa afrique'.split(' '),
  // pronouns and other capitalised words at the start of quotes or lines
  ...'я мы он она они вы ты i we he she they you it this that there here the a an my our his her their je nous il elle ils elles vous tu on ce cette le la les un une mon ma mes notre nos'.split(' '),
  // languages and nationalities capitalised in English/French
  ...'english russian ukrainian french german russe anglais ukrainien francais allemand soviet sovietique'.split(' '),
]);

/** Person names that are also towns (Надежда, Анна, Артём, Nancy): only a place after a place preposition. */
export const PERSON_NAMES = new Set<string>([
  ...'надежд вер любов анн артем артём нин ольг мари марин алин кир вик даш саш маш наст оль кат лиз ир тан ксюш юл лен свет лиз ал ден дим лех леш миш паш петь вань сереж жен ил костя олег игор никит антон максим иван ром вов кол толь юр вадим глеб федор степан тимур руслан ан полин соф алис ев ульян катерин валер таисия эмм владимир ярослав святослав мирослав станислав лукерь'.split(' '),
  // Ukrainian first names (Богдан, Тарас, Оксана) that also name villages
  ...'богдан тарас андрі андрій оксан олен ірин марк сашк дмитр микол петр натал світлан галин вікторі катерин соломі ярин орест остап назар богдан'.split(' '),
  ...'nancy florence victoria regina sofia adelaide charlotte austin jackson lincoln eugene tyler lafayette marie paris lorraine vera nadezhda anna artyom artem olga nina sasha masha dima vika nastya katya lena sveta kira denis maxim ivan dasha pasha misha zhenya tanya olya yulia ksenia polina sonya liza alina'.split(' '),
]);

/** Place prepositions (folded): a capitalised word after one of them is probably a place. */
export const PLACE_PREPS: Record<string, Set<string>> = {
  ru: new Set('в во на из под подо у около возле до от через по за над к ко близ вблизи из-под напротив с со'.split(' ')),
  uk: new Set('в у на з із зі зо під біля до від через по за над к коло поблизу навпроти'.split(' ')),
  en: new Set('in at near from to into outside around towards toward via through inside across on by along past behind beside opposite under over'.split(' ')),
  fr: new Set('a au aux dans pres de d du des vers depuis pour en par sur entre jusqu jusqua'.split(' ')),
};

/**
 * Frequent Russian/Ukrainian words that open sentences and happen to be inflected forms of
 * small foreign towns (Потом ~ Поти, Какой ~ Кака). Folded whole words.
 */
export const COMMON_WORDS = new Set<string>(`
потом потім тогда тоді теперь тепер сейчас зараз когда коли какой какая какое какие який яка яке які
как як так там тут здесь где де куда куди откуда звідки почему чому зачем навіщо только тільки лише даже навіть
про вчера вчора сегодня сьогодні завтра утром вечером ночью днем летом зимой весной осенью влітку взимку
мама папа мать отец брат сестра бабушка дедушка мамой папой мамі тато мати батько сестра бабуся дідусь
мы вы они он она оно я ты ми ви вони він вона воно нас вас их им нам вам мне меня мені мене тебе тобі
это этот эта эти цей ця ці то тот та те все всё всі весь вся каждый кожен каждая никто ніхто ничего нічого
один одна одно одни два две три первый первая последний після после перед потом затем
но но а и або или але та чи если якщо хотя хоча чтобы щоб потому тому поэтому because
мой моя моё мои мій моя моє мої наш наша наше наши твой твоя ваш ваша свой своя его её її їх
однажды одного однажды иногда іноді часто всегда завжди никогда ніколи снова знову опять ещё ще уже вже
спасибо дякую привет привіт пожалуйста будь ласка конечно звичайно наверное мабуть может може можно можна
нет ні да так нельзя не ни
дом дома доме дому домом центр центре центра парк парке сад саду дворец дворце дворца будинок будинку
`.split(/\s+/).filter(Boolean));
