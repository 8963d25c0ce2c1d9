// Context patterns for English: "Bauman Street", "Gorky Park", "Chkalovskaya station",
// "Novosibirsk State University", "a bar called Pink Flamingo", "School No. 5", "village of X".
import { CAP, QUOTED, NUMBER, headBefore, headAfter, namedByApposition, calledAfterHead, quotedAfterHead, quotedAfterPrep, standalone } from './_patterns.ts';
import type { Rule } from './_patterns.ts';
import { headTable } from './_kinds.ts';
import type { HeadTable } from './_kinds.ts';

// "Elephant & Castle station": an ampersand joins the words of one name.
const NAME = `${CAP}(?:\\s+(?:&\\s+)?${CAP}){0,3}`;
// Nouns of works, media and groups before a quoted name: not places (in the song "Kino").
const NOT_PLACE_HEAD_EN = 'song|film|movie|series|show|book|novel|poem|group|chat|channel|app|newspaper|magazine|paper|article|post|story|play|game|album|video|podcast|blog|project|party|movement|campaign|contest|programme|program|word|words|role|team|thread';
const CALLED_NAME = `${CAP}(?:\\s+(?:(?:&|and|n['’]|['’]n['’]|of|of\\s+the|the)\\s+)?${CAP}){0,3}`;

const AFTER = headTable('en.after');

/**
 * Russian/Ukrainian head words left untranslated in Latin stories ("ulitsa Lenina",
 * "prospekt Mira", "park Gorkogo", "vulytsia Shevchenka"), English and French spellings.
 */
export const TRANSLIT_HEADS = headTable('translit.before');

export function englishRules(): Rule[] {
  // "Higher School of Economics", "Institute of Physics and Technology": an "of" tail belongs to the name.
  // "2nd Tverskaya-Yamskaya Street": an ordinal opens the name.
  const rules: Rule[] = [headAfter(`(?:\\d{1,2}(?:st|nd|rd|th)\\s+)?${NAME}`, AFTER, `of(?:\\s+the)?\\s+${CAP}(?:\\s+(?:and\\s+)?${CAP}){0,2}`), quotedAfterPrep('venue', 'at|in|to|from|near|outside|inside|into'), headBefore(TRANSLIT_HEADS, NAME)];
  // Head word before the name, one rule per kind, by the shape of the name it takes.
  const before = (table: HeadTable, name: string): void => {
    for (const head of headTable(table)) rules.push(headBefore([head], name, '', ['institution']));
  };
  // "the Ali and Nino statue", "the Peter and Paul monument": a pair of names before a monument word.
  rules.push(headAfter(`${CAP}\\s+(?:and|&)\\s+${CAP}`, [['landmark', '[Ss]tatue|[Mm]onument|[Mm]emorial|[Ss]culpture']]));
  before('en.before.quoted', QUOTED);
  before('en.before.number', NUMBER);
  before('en.before.name', NAME);
  before('en.before.quotedOrName', `${QUOTED}|${NAME}`);
  // "at Crumbs, a small café": a name the apposition says is a venue.
  for (const [kind, words] of headTable('en.before.quoted')) {
    if (kind === 'venue') rules.push(namedByApposition(kind, 'at|to|from|near|outside|inside', NAME, 'a|an|the|our|my|their', words));
  }
  const venueWords = headTable('en.before.quoted').filter(([kind]) => kind === 'venue').map(([, w]) => w).join('|');
  // "a small bar, Fat Cat, on Sumska Street": the name set off by commas right after the venue word.
  rules.push({ kinds: ['venue'], nameAt: 'end', numberKinds: new Set(), nameOnly: true, re: new RegExp(`(?<![\\p{L}])(?<k0>${venueWords}),\\s+(?<name>${QUOTED}|${CALLED_NAME})(?=\\s*[,.;:)])`, 'gu') });
  rules.push(calledAfterHead(venueWords, 'called|named', `${QUOTED}|${CALLED_NAME}`));
  rules.push(quotedAfterHead('at|in|to|from|near|outside|inside|into', 'the|a|an|our|my|their|his|her', NOT_PLACE_HEAD_EN));
  // "a bar called Pink Flamingo", "a place called Salt & Pepper": venue words (and the vague
  // place/spot/joint, which "called" makes a name) before called/named; a name may join its
  // words with "&", "and" or "'n'".
  for (const [kind, words] of headTable('en.before.quoted')) {
    if (kind === 'venue') rules.push(headBefore([[kind, `(?:${words}|place|spot|joint)\\s+(?:called|named)`]], `${QUOTED}|${CALLED_NAME}`, '', ['institution']));
  }
  // "a company called SilkCode", "a clinic named Arev Medical": an employer or a service named after "called".
  rules.push(headBefore([['institution', '(?:company|firm|startup|start-up|agency|clinic|hospital|centre|center|school|factory|plant|charity|organi[sz]ation|NGO)\\s+(?:called|named)']], `${QUOTED}|${CALLED_NAME}`, '', ['institution']));
  // "my university, RANEPA": an acronym set off after the word for what it is.
  rules.push(headBefore([['institution', '(?:university|institute|college|academy|school|employer|company|plant|factory),']], '\\p{Lu}[\\p{Lu}\\p{Ll}]{0,2}\\p{Lu}{1,6}(?![\\p{L}])', '', []));
  // "the 5th polyclinic", "the 3rd microdistrict": an ordinal names a numbered institution or district.
  rules.push(
    standalone('institution', `\\d{1,3}(?:st|nd|rd|th)\\s+(?:city\\s+|children['’]s\\s+|regional\\s+|maternity\\s+)?(?:school|hospital|polyclinic|clinic|lyceum|gymnasium|kindergarten)`),
    standalone('district', `\\d{1,3}(?:st|nd|rd|th)\\s+(?:micro-?district|block)`),
  );
  return rules;
}
