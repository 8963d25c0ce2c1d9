// Context patterns for English: "Bauman Street", "Gorky Park", "Chkalovskaya station",
// "Novosibirsk State University", "a bar called Pink Flamingo", "School No. 5", "village of X".
import { CAP, QUOTED, NUMBER, headBefore, headAfter, quotedAfterPrep } from './_patterns.ts';
import type { Rule } from './_patterns.ts';
import { headTable } from './_kinds.ts';
import type { HeadTable } from './_kinds.ts';

const NAME = `${CAP}(?:\\s+${CAP}){0,3}`;

const AFTER = headTable('en.after');

/**
 * Russian/Ukrainian head words left untranslated in Latin stories ("ulitsa Lenina",
 * "prospekt Mira", "park Gorkogo", "vulytsia Shevchenka"), English and French spellings.
 */
export const TRANSLIT_HEADS = headTable('translit.before');

export function englishRules(): Rule[] {
  const rules: Rule[] = [headAfter(NAME, AFTER), quotedAfterPrep('venue', 'at|in|to|from|near|outside|inside|into'), headBefore(TRANSLIT_HEADS, NAME)];
  // Head word before the name, one rule per kind, by the shape of the name it takes.
  const before = (table: HeadTable, name: string): void => {
    for (const head of headTable(table)) rules.push(headBefore([head], name, '', ['institution']));
  };
  before('en.before.quoted', QUOTED);
  before('en.before.number', NUMBER);
  before('en.before.name', NAME);
  before('en.before.quotedOrName', `${QUOTED}|${NAME}`);
  // "a bar called Pink Flamingo": venue words before called/named.
  for (const [kind, words] of headTable('en.before.quoted')) {
    if (kind === 'venue') rules.push(headBefore([[kind, `(?:${words})\\s+(?:called|named)`]], `${QUOTED}|${NAME}`, '', ['institution']));
  }
  return rules;
}
