// Unit tests of the place detector, per language and phenomenon.
import { describe, expect, it } from 'vitest';
import { loadDetector } from '../index.ts';
import type { Span } from '../index.ts';

const d = loadDetector();
// Places only: people are a kind of their own (test/people.test.ts).
const texts = (t: string, lang: string): string[] => d.detect(t, lang).filter((s) => s.kind !== 'person').map((s) => s.text);
const find = (t: string, lang: string, word: string): Span | undefined => d.detect(t, lang).find((s) => s.text.includes(word));

describe('Russian morphology', () => {
  it.each([
    ['Я живу в Казани.', 'Казани'],
    ['Я еду в Казань.', 'Казань'],
    ['Казань — мой город.', 'Казань'],
    ['Я приехал из Казани.', 'Казани'],
    ['Он гордится Казанью.', 'Казанью'],
    ['Письмо пришло к Твери не сразу, а под Тверью было тихо.', 'Тверью'],
    ['Мы жили под Москвой, а потом в Москве.', 'Москвой'],
    ['Я родилась в Набережных Челнах.', 'Набережных Челнах'],
    ['Я из Набережных Челнов.', 'Набережных Челнов'],
    ['Я живу в Нижнем Новгороде.', 'Нижнем Новгороде'],
    ['Я из Ростова-на-Дону.', 'Ростова-на-Дону'],
    ['Я из Орла.', 'Орла'],
    ['Мы сняли квартиру в Химках, а друзья из Мытищ.', 'Мытищ'],
    ['Я вырос в Череповце.', 'Череповце'],
    ['Он написал: «я в самаре проездом».', 'самаре'],
    ['Переехать в Ёбург было единственным выходом.', 'Ёбург'],
    ['В Питере мы были счастливы.', 'Питере'],
    ['Я родом из Петропавловска-Камчатского.', 'Петропавловска-Камчатского'],
  ])('%s → %s', (text, want) => {
    expect(texts(text, 'ru')).toContain(want);
  });

  it('does not take an instrumental after "с" for a place (с Олей, с Артёмом)', () => {
    expect(texts('Мы с Олей и с Артёмом гуляли.', 'ru')).toEqual([]);
  });
});

describe('Ukrainian morphology', () => {
  it.each([
    ['Я живу у Києві.', 'Києві'],
    ['Ми переїхали до Львова.', 'Львова'],
    ['Я народилася в Харкові.', 'Харкові'],
    ['У Нижньому Новгороді я ніколи не був.', 'Нижньому Новгороді'],
    ['Моя родина з Кривого Рогу.', 'Кривого Рогу'],
    ['Я живу в Тернополі.', 'Тернополі'],
    ['Ми жили в Білій Церкві.', 'Білій Церкві'],
    ['Друзі з Дніпра приїхали.', 'Дніпра'],
  ])('%s → %s', (text, want) => {
    expect(texts(text, 'uk')).toContain(want);
  });
});

describe('context patterns', () => {
  it.each([
    ['ru', 'Я жила на улице Баумана.', 'улице Баумана', 'street', 'Баумана'],
    ['ru', 'Мы гуляли по Невскому проспекту.', 'Невскому проспекту', 'street', 'Невскому'],
    ['ru', 'Вчера на проспекте Мира я увидела значок.', 'проспекте Мира', 'street', 'Мира'],
    ['ru', 'Встретились у метро «Китай-город».', 'метро «Китай-город»', 'metro', 'Китай-город'],
    ['ru', 'Мы танцевали в клубе «Центральная станция».', 'клубе «Центральная станция»', 'venue', 'Центральная станция'],
    ['ru', 'Я работаю в школе № 17.', 'школе № 17', 'institution', '№ 17'],
    ['ru', 'Я медсестра в Воронежской областной больнице.', 'Воронежской областной больнице', 'institution', 'Воронежской областной'],
    ['ru', 'Мы сидели в ЦПКиО имени Маяковского.', 'ЦПКиО имени Маяковского', 'park', 'имени Маяковского'],
    ['ru', 'Я выросла в Свердловской области.', 'Свердловской области', 'region', 'Свердловской'],
    ['ru', 'Бабушка живёт в деревне Сущёво.', 'деревне Сущёво', 'town', 'Сущёво'],
    ['uk', 'Нас побили на вулиці Сумській.', 'вулиці Сумській', 'street', 'Сумській'],
    ['uk', 'Ми гуляли Андріївським узвозом.', 'Андріївським узвозом', 'street', 'Андріївським'],
    ['en', 'The hairdresser on Bauman Street refused.', 'Bauman Street', 'street', 'Bauman'],
    ['en', 'Our first date was in Gorky Park.', 'Gorky Park', 'park', 'Gorky'],
    ['en', 'I teach at Novosibirsk State University.', 'Novosibirsk State University', 'institution', 'Novosibirsk State'],
    ['en', 'We met at a tiny bar called Pink Flamingo.', 'bar called Pink Flamingo', 'venue', 'Pink Flamingo'],
    ['en', 'I rent a flat in the Sovetsky district.', 'Sovetsky district', 'district', 'Sovetsky'],
    ['fr', 'La coiffeuse de la rue Baumana a refusé.', 'rue Baumana', 'street', 'Baumana'],
    ['fr', 'Nous étions au café « Chocolat ».', 'café « Chocolat »', 'venue', 'Chocolat'],
    ['fr', 'Dans le quartier de Kouptchino, je ne sors pas.', 'quartier de Kouptchino', 'district', 'Kouptchino'],
    ['fr', "J'habite dans l'oblast de Sverdlovsk.", 'oblast de Sverdlovsk', 'region', 'Sverdlovsk'],
  ])('%s: %s', (lang, text, span, kind, key) => {
    const s = find(text, lang, span);
    expect(s?.text).toBe(span);
    expect(s?.kind).toBe(kind);
    expect(s?.key && text.slice(s.key.start, s.key.end)).toBe(key);
  });

  it('flags unknown names after a place preposition (recall fallback)', () => {
    expect(texts('Мой первый парень жил на Уралмаше.', 'ru')).toEqual(['Уралмаше']);
    expect(texts('She never took the night bus to Butovo.', 'en')).toEqual(['Butovo']);
  });
});

describe('ambiguity', () => {
  it('Мира: street yes, "Мира и добра" no', () => {
    expect(texts('Мира и добра тебе, смелая девочка.', 'ru')).toEqual([]);
  });
  it('Орёл: the city, not the bird', () => {
    expect(texts('Я родом из Орла. В зоопарке сидел орёл.', 'ru')).toEqual(['Орла']);
  });
  it('Надежда is a name unless a place preposition says otherwise', () => {
    expect(texts('Мою подругу Надежду выгнали. Надежда теперь живёт у меня.', 'ru')).toEqual([]);
  });
  it('Nice and Reading: capitalised places, lower-case words', () => {
    expect(texts('Last summer we went to Nice. It was a nice feeling.', 'en')).toEqual(['Nice']);
    expect(texts('I visited Reading. It was reading their stories that helped.', 'en')).toEqual(['Reading']);
  });
  it('Nancy the friend is not Nancy the city', () => {
    expect(texts("Nancy, ma meilleure amie, m'a serrée dans ses bras.", 'fr')).toEqual([]);
    expect(texts("J'ai fait mes études à Nancy.", 'fr')).toEqual(['Nancy']);
  });
});

describe('transliterations and slang', () => {
  it.each([
    ['en', 'I grew up in Cheliabinsk.', 'Cheliabinsk'],
    ['en', 'I grew up in Chelyabinsk.', 'Chelyabinsk'],
    ['fr', "J'ai grandi à Tcheliabinsk.", 'Tcheliabinsk'],
    ['en', 'Ich wohne in Tscheljabinsk.', 'Tscheljabinsk'],
    ['fr', "Je suis originaire d'Iekaterinbourg.", 'Iekaterinbourg'],
    ['fr', "Je travaille à Naberejnye Tchelny.", 'Naberejnye Tchelny'],
    ['en', 'I am from Naberezhnye Chelny.', 'Naberezhnye Chelny'],
    ['en', 'I moved to St. Petersburg.', 'St. Petersburg'],
    ['fr', 'Une partie de moi est restée à Novossibirsk.', 'Novossibirsk'],
    ['ru', 'Я из Екб, а он из Мск.', 'Екб'],
    ['ru', 'В Челнах я молчала.', 'Челнах'],
  ])('%s: %s', (lang, text, want) => {
    expect(texts(text, lang)).toContain(want);
  });
});

describe('demonyms and countries', () => {
  it('marks adjectives made from places as demonym_adj', () => {
    const kinds = (t: string, l: string): string[] => d.detect(t, l).map((s) => `${s.text}:${s.kind}`);
    expect(kinds('Казанские однокурсники писали мне.', 'ru')).toEqual(['Казанские:demonym_adj']);
    expect(kinds('Питерская толерантность оказалась мифом.', 'ru')).toEqual(['Питерская:demonym_adj']);
    expect(kinds('по ярославским пабликам', 'ru')).toEqual(['ярославским:demonym_adj']);
    expect(kinds('A Muscovite friend told me.', 'en')).toEqual(['Muscovite:demonym_adj']);
    expect(kinds('Mes amis moscovites me disent de partir.', 'fr')).toEqual(['moscovites:demonym_adj']);
    expect(kinds('Я говорю по-русски и люблю русский язык.', 'ru')).toEqual([]);
  });
  it('detects countries with keep: true', () => {
    const s = d.detect('Мы поженились в Дании, а в России мы соседи.', 'ru');
    expect(s.map((x) => [x.text, x.kind, x.keep])).toEqual([['Дании', 'country', true], ['России', 'country', true]]);
  });
});

describe('no-place texts and invariants', () => {
  it.each([
    ['ru', 'Я гей, мне сорок три года, и я ни разу не был на свидании при свете дня. Всё всегда тайно: в машине, в чужих квартирах.'],
    ['en', 'At the factory where I work, the men joke about "people like me" every day. I laugh along.'],
    ['fr', "À l'université, un professeur a dit devant tout l'amphi que les gens comme moi étaient malades."],
    ['uk', 'Я не хочу казати, звідки я. Просто знайте, що мені двадцять років.'],
  ])('%s: nothing flagged', (lang, text) => {
    expect(d.detect(text, lang).filter((s) => s.kind !== 'contact' && s.kind !== 'person')).toEqual([]);
  });

  it('returns sorted, non-overlapping spans whose text matches the offsets', () => {
    const text = 'Я из Верхней Пышмы в Свердловской области, живу в Екатеринбурге на улице Ленина, д. 5, пишите ivan@mail.ru.';
    const spans = d.detect(text, 'xx');
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i]!;
      expect(text.slice(s.start, s.end)).toBe(s.text);
      if (i > 0) expect(s.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    }
    expect(spans.map((s) => s.kind)).toEqual(['town', 'region', 'city', 'street', 'street_number', 'contact']);
  });

  it('rejects a non-string text with a TypeError', () => {
    expect(() => d.detect(42 as unknown as string, 'ru')).toThrow(TypeError);
  });
});
