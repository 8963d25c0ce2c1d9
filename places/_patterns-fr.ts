// Context patterns for French: "rue Baumana", "parc Gorki", "métro Maïakovskaïa",
// "quartier de Kouptchino", "oblast de Sverdlovsk", "café « Chocolat »", "usine KAMAZ".
import { CAP, QUOTED, NUMBER, headBefore, namedByApposition, quotedAfterPrep, standalone } from './_patterns.ts';
import type { Rule } from './_patterns.ts';
import { headTable } from './_kinds.ts';
import { TRANSLIT_HEADS } from './_patterns-en.ts';

// Name with particles inside it: "de la Paix", "Saint-Pierre", "Jean Jaurès".
const NAME = `${CAP}(?:\\s+(?:${CAP}|de|du|des|la|le|d['’]\\p{Lu}\\p{L}*)){0,3}`;
const CONNECT = `(?:\\s+(?:de\\s+la|de\\s+l['’]|du|des|de|d['’]|à\\s+la|au))?`;

const HEADS = headTable('fr.before');

export function frenchRules(): Rule[] {
  const venueHeads = HEADS.find(([kind]) => kind === 'venue')?.[1] ?? 'bar';
  return [
    headBefore(HEADS, `${QUOTED}|${NAME}|${NUMBER}`, CONNECT, ['institution']), headBefore(TRANSLIT_HEADS, NAME),
    // A capitalised head with a lower-case field: "l'Institut de physique nucléaire", "la Faculté de droit".
    standalone('institution', `(?:Institut|Université|École|Académie|Faculté|Conservatoire|Hôpital|Clinique|Lycée|Collège)\\s+(?:de\\s+la\\s+|de\\s+l['’]|des\\s+|du\\s+|de\\s+|d['’])\\p{Ll}{3,}(?:\\s+\\p{Ll}{4,}){0,2}`),
    quotedAfterPrep('venue', 'à|au|aux|chez|dans|devant|près\\s+du|près\\s+de|depuis|vers'),
    namedByApposition('venue', 'chez|à|au|devant|près\\s+de', NAME, 'un|une|le|la|notre|mon|ma|leur', venueHeads),
    // "une boîte appelée Mutabor", "un bar qui s'appelle Le Pont": a venue word before "called".
    headBefore([['venue', `(?:${venueHeads}|endroit|lieu)\\s+(?:appel[ée]e?s?|nomm[ée]e?s?|qui\\s+s['’]appel(?:le|ait))`]], `${QUOTED}|${NAME}`),
  ];
}
