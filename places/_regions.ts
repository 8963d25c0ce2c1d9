// Curated admin and informal regions (GeoNames cities1000 holds towns only). Russian federal
// subjects, Ukrainian oblasts, their short/historical forms and informal regions. Generic
// "<adjective> область/край/округ" phrases are also caught by the context patterns; this table
// adds names that stand alone (Татарстан, Кубань, Подмосковье) and Latin spellings.
// Format: names separated by |; a trailing "@area" picks the replacement wording (_replace.ts).

export type Area = 'ural' | 'siberia' | 'fareast' | 'volga' | 'south' | 'caucasus' | 'centre' | 'northwest' | 'north' | 'ua' | 'crimea' | 'other';

// Oblast adjectives (nominative feminine), Russia; used with область/обл./region/oblast.
export const RU_OBLASTS = 'Амурская Архангельская Астраханская Белгородская Брянская Владимирская Волгоградская Вологодская Воронежская Ивановская Иркутская Калининградская Калужская Кемеровская Кировская Костромская Курганская Курская Ленинградская Липецкая Магаданская Московская Мурманская Нижегородская Новгородская Новосибирская Омская Оренбургская Орловская Пензенская Псковская Ростовская Рязанская Самарская Саратовская Сахалинская Свердловская Смоленская Тамбовская Тверская Томская Тульская Тюменская Ульяновская Челябинская Ярославская Горьковская Куйбышевская Пермская Читинская Камчатская'.split(' ');
export const RU_KRAIS = 'Алтайский Забайкальский Камчатский Краснодарский Красноярский Пермский Приморский Ставропольский Хабаровский'.split(' ');
export const UA_OBLASTS = 'Вінницька Волинська Дніпропетровська Донецька Житомирська Закарпатська Запорізька Івано-Франківська Київська Кіровоградська Луганська Львівська Миколаївська Одеська Полтавська Рівненська Сумська Тернопільська Харківська Херсонська Хмельницька Черкаська Чернівецька Чернігівська Винницкая Волынская Днепропетровская Донецкая Житомирская Закарпатская Запорожская Ивано-Франковская Киевская Кировоградская Луганская Львовская Николаевская Одесская Полтавская Ровенская Сумская Тернопольская Харьковская Херсонская Хмельницкая Черкасская Черновицкая Черниговская'.split(' ');

/** Stand-alone region names: republics, autonomous okrugs, informal and historical regions. */
export const REGION_NAMES: string[] = [
  'Адыгея|Adygea|Adyghe@caucasus', 'Республика Алтай|Горный Алтай|Altai Republic@siberia', 'Алтай|Altai|Altaï@siberia',
  'Башкортостан|Башкирия|Bashkortostan|Bashkiria|Bachkirie|Bachkortostan@ural',
  'Бурятия|Buryatia|Bouriatie@siberia', 'Дагестан|Dagestan|Daghestan@caucasus', 'Ингушетия|Ingushetia|Ingouchie@caucasus',
  'Кабардино-Балкария|Kabardino-Balkaria|Kabardino-Balkarie@caucasus', 'Калмыкия|Kalmykia|Kalmoukie@south',
  'Карачаево-Черкесия|Karachay-Cherkessia@caucasus', 'Карелия|Karelia|Carélie|Карелія@northwest', 'Коми|Komi@north',
  'Крым|Crimea|Crimée|Крим@crimea', 'Марий Эл|Mari El@volga', 'Мордовия|Mordovia|Mordovie@volga', 'Якутия|Саха|Yakutia|Iakoutie@fareast',
  'Северная Осетия|Осетия|Алания|North Ossetia|Ossetia|Ossétie@caucasus', 'Татарстан|Татария|Tatarstan@volga',
  'Тыва|Тува|Tuva|Touva@siberia', 'Удмуртия|Udmurtia|Oudmourtie@ural', 'Хакасия|Khakassia|Khakassie@siberia',
  'Чечня|Чечения|Chechnya|Tchétchénie|Чечня@caucasus', 'Чувашия|Chuvashia|Tchouvachie@volga',
  'Ненецкий автономный округ|Nenets@north', 'Ханты-Мансийский автономный округ|ХМАО|Югра|Khanty-Mansi|Yugra|Iougra@ural',
  'Чукотка|Chukotka|Tchoukotka@fareast', 'Ямал|Yamal|Iamal|ЯНАО@ural', 'Еврейская автономная область|ЕАО@fareast',
  'Кубань|Kuban|Kouban@south', 'Подмосковье|Moscow region|Підмосков\'я@centre', 'Урал|Urals|Ural|Oural@ural', 'Сибирь|Siberia|Sibérie|Сибір@siberia',
  'Зауралье|Trans-Urals@ural', 'Забайкалье|Transbaikalia|Transbaïkalie@siberia', 'Поволжье|Volga region@volga',
  'Донбасс|Донбас|Donbas|Donbass@ua', 'Дальний Восток|Far East|Extrême-Orient|Далекий Схід@fareast', 'Кавказ|Caucasus|Caucase|Кавказ@caucasus',
  'Северный Кавказ|North Caucasus@caucasus', 'Ставрополье|Stavropol region@south', 'Приморье|Primorye|Primorié@fareast',
  'Камчатка|Kamchatka|Kamtchatka@fareast', 'Колыма|Kolyma@fareast', 'Сахалин|Sakhalin|Sakhaline@fareast', 'Кузбасс|Kuzbass|Kouzbass@siberia',
  'Прикамье|Prikamye@ural', 'Ставрополь|Stavropol@south', 'Черноземье|Chernozemye@centre', 'Заполярье|Arctic@north',
  'Поморье|Pomorye@north', 'Ингрия|Ingria@northwest', 'Мещера|Meshchera@centre', 'Ладога|Ladoga@northwest',
  'Галичина|Галиция|Galicia|Galicie@ua', 'Закарпаття|Закарпатье|Transcarpathia|Transcarpatie@ua', 'Буковина|Bukovina|Bucovine@ua',
  'Волинь|Волынь|Volhynia|Volhynie@ua', 'Поділля|Подолье|Podillia|Podolie@ua', 'Слобожанщина|Слобожанщині@ua',
  'Херсонщина|Харківщина|Київщина|Львівщина|Одещина|Полтавщина|Чернігівщина|Сумщина|Житомирщина|Вінниччина|Черкащина|Хмельниччина|Тернопільщина|Рівненщина|Волинщина|Миколаївщина|Запоріжжя область|Дніпропетровщина|Донеччина|Луганщина|Кіровоградщина|Прикарпаття|Буковина@ua',
  'Смоленщина|Брянщина|Псковщина|Тверская земля|Рязанщина|Тамбовщина|Орловщина|Курщина|Белгородчина|Воронежчина|Вологодчина|Новгородчина@centre',
];

/** Slang and short forms of cities (curated), → the city's Russian/Ukrainian nominative. */
export const CITY_ALIASES: Record<string, string> = {
  'Питер': 'Санкт-Петербург', 'СПб': 'Санкт-Петербург', 'Спб': 'Санкт-Петербург', 'Петербург': 'Санкт-Петербург', 'Ленинград': 'Санкт-Петербург',
  'Piter': 'Санкт-Петербург', 'Petersburg': 'Санкт-Петербург', 'Pétersbourg': 'Санкт-Петербург', 'SPb': 'Санкт-Петербург', 'Petrograd': 'Санкт-Петербург', 'Leningrad': 'Санкт-Петербург',
  'Мск': 'Москва', 'Масква': 'Москва', 'Msk': 'Москва',
  'Екб': 'Екатеринбург', 'Ёбург': 'Екатеринбург', 'Ебург': 'Екатеринбург', 'Екат': 'Екатеринбург', 'Свердловск': 'Екатеринбург', 'Ekb': 'Екатеринбург', 'Yoburg': 'Екатеринбург',
  'Нск': 'Новосибирск', 'Новосиб': 'Новосибирск', 'Novosib': 'Новосибирск',
  'Челны': 'Набережные Челны', 'Chelny': 'Набережные Челны', 'Tchelny': 'Набережные Челны',
  'Нижний': 'Нижний Новгород', 'Нижний Новгород': 'Нижний Новгород', 'Нижний-Новгород': 'Нижний Новгород', 'Nizhny': 'Нижний Новгород', 'Горький': 'Нижний Новгород',
  'Владик': 'Владивосток', 'Хабар': 'Хабаровск', 'Красноярск': 'Красноярск', 'Тлт': 'Тольятти', 'Кёниг': 'Калининград', 'Кениг': 'Калининград', 'Калик': 'Калининград',
  'Севас': 'Севастополь', 'Симф': 'Симферополь', 'Комсомольск': 'Комсомольск-на-Амуре', 'Петропавловск': 'Петропавловск-Камчатский',
  'Ростов': 'Ростов-на-Дону', 'Rostov-on-Don': 'Ростов-на-Дону', 'Rostov-sur-le-Don': 'Ростов-на-Дону', 'Ростов-на-Дону': 'Ростов-на-Дону',
  'Днепр': 'Дніпро', 'Днепропетровск': 'Дніпро', 'Dnipro': 'Дніпро', 'Dnepr': 'Дніпро', 'Харьков': 'Харків', 'Kharkov': 'Харків', 'Kiev': 'Київ', 'Kyiv': 'Київ', 'Kyïv': 'Київ', 'Киев': 'Київ',
  'Одесса': 'Одеса', 'Odessa': 'Одеса', 'Odesa': 'Одеса', 'Львов': 'Львів', 'Lviv': 'Львів', 'Lvov': 'Львів', 'Запорожье': 'Запоріжжя', 'Николаев': 'Миколаїв', 'Кривой Рог': 'Кривий Ріг', 'Krivoy Rog': 'Кривий Ріг', 'Kryvyi Rih': 'Кривий Ріг',
  'Мариуполь': 'Маріуполь', 'Белая Церковь': 'Біла Церква', 'Bila Tserkva': 'Біла Церква', 'Каменец-Подольский': 'Кам\'янець-Подільський', 'Kamianets-Podilskyi': 'Кам\'янець-Подільський',
  'Алматы': 'Алматы', 'Алма-Ата': 'Алматы', 'Астана': 'Астана', 'Нур-Султан': 'Астана', 'Тбилиси': 'Тбилиси', 'Tbilissi': 'Тбилиси', 'Ереван': 'Ереван', 'Erevan': 'Ереван', 'Минск': 'Минск',
};

/** Adjectives and inhabitant nouns that the -ск- rule cannot derive (irregular or Latin). */
export const DEMONYMS: string[] = [
  // Russian/Ukrainian stems (folded); matched with any case ending.
  'московск', 'москвич', 'питерск', 'питерц', 'петербуржц', 'петербуржец', 'петербуржск', 'ленинградск', 'нижегородск', 'нижегородц', 'уфимск', 'уфимц',
  'екатеринбуржц', 'екатеринбуржец', 'екатеринбургск', 'свердловчан', 'казанц', 'казанец', 'сибиряк', 'сибирск', 'уральск', 'уралец', 'уральц', 'кубанск',
  'киевлян', 'киянин', 'кияни', 'харьковчан', 'харків\'ян', 'одессит', 'одесит', 'львовян', 'львів\'ян', 'новосибирц', 'ростовчан', 'самарц', 'омич', 'пермяк', 'челябинц',
  'вологодск', 'новгородск', 'подмосковн', 'ярославц', 'тверяк', 'тверич', 'туляк', 'курян', 'воронежц', 'саратовц', 'волгоградц', 'краснодарц', 'иркутян', 'томич', 'барнаулец',
  // Latin (folded, whole words or prefixes ending in *)
  'muscovite*', 'moscovite*', 'petersburger*', 'petersbourgeois*', 'peterbourgeois*', 'siberian*', 'siberien*', 'kievien*', 'kyivan*', 'odessan*', 'odessite*', 'ouralien*', 'uralian*',
];

/**
 * Large rivers and lakes: named landmarks that locate a story (гуляли вдоль Амура, on the
 * Yenisei) and that GeoNames' town list lacks. Left out: names that are also towns (Ишим,
 * Печора, Днепр), first names (Лена, Яна, Tom, Don) and adjectives (Белая, Великая).
 */
export const RIVERS_AND_LAKES: string[] = [
  'Волга|Volga', 'Дон', 'Обь', 'Иртыш|Іртиш|Irtysh|Irtych', 'Енисей|Єнісей|Yenisei|Yenisey|Ienisseï', 'Амур|Amur',
  'Ока|Oka', 'Кама|Kama', 'Нева|Neva', 'Десна|Desna', 'Ангара|Angara', 'Селенга|Selenga', 'Тобол|Tobol', 'Сура|Sura',
  'Свияга|Sviyaga', 'Терек|Terek', 'Исеть|Iset', 'Катунь|Katun', 'Колыма|Kolyma', 'Индигирка|Indigirka', 'Вычегда|Vychegda',
  'Хопёр|Хопер|Khoper', 'Северная Двина|Северной Двине|Северную Двину|Northern Dvina',
  'Байкал|Baikal|Baïkal', 'Ладога|Ladoga', 'Селигер|Seliger', 'Ильмень|Ilmen',
];
