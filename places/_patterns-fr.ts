// Context patterns for French: "rue Baumana", "parc Gorki", "métro Maïakovskaïa",
// "quartier de Kouptchino", "oblast de Sverdlovsk", "café « Chocolat »", "usine KAMAZ".
import { CAP, QUOTED, NUMBER, headBefore, namedByApposition, calledAfterHead, quotedAfterHead, quotedAfterPrep, standalone } from './_patterns.ts';
import type { Rule } from './_patterns.ts';
import { headTable } from './_kinds.ts';
import { TRANSLIT_HEADS } from './_patterns-en.ts';
import { startsWithFirstName } from './_people.ts';

// Name with particles inside it: "de la Paix", "Saint-Pierre", "Jean Jaurès", "Marché au Charbon".
// It ends on a capitalised word: "bar-tabac Le Provençal du boulevard" stops before "du".
const NAME = `${CAP}(?:(?:\\s+(?:de|du|des|la|le|au|aux)){0,2}\\s+(?:${CAP}|d['’]\\p{Lu}\\p{L}*)){0,3}`;
const CONNECT = `(?:\\s+(?:de\\s+la|de\\s+l['’]|du|des|de|d['’]|à\\s+la|au))?`;

const HEADS = headTable('fr.before');
// Nouns of works, media and groups before a quoted name: not places (dans le film « Leto »).
const NOT_PLACE_HEAD_FR = 'chanson|film|série|livre|roman|poème|groupe|chat|chaîne|appli|application|journal|magazine|article|post|histoire|pièce|jeu|album|vidéo|podcast|blog|projet|parti|mouvement|campagne|concours|programme|émission|mot|rôle|équipe';

export function frenchRules(): Rule[] {
  const venueHeads = HEADS.find(([kind]) => kind === 'venue')?.[1] ?? 'bar';
  return [
    headBefore(HEADS, `${QUOTED}|${NAME}|${NUMBER}`, CONNECT, ['institution']), headBefore(TRANSLIT_HEADS, NAME),
    // "hôpital psychiatrique n° 3", "école de musique n° 3": a qualifier between the head and the number.
    headBefore(HEADS.filter(([kind]) => kind === 'institution'), `(?:(?:de|d['’]|du|des)\\s*)?(?:\\p{Ll}{3,20}\\s+){1,2}(?:${NUMBER})`, '', ['institution']),
    // "le 7e microdistrict", "la 5e école": an ordinal names a numbered district or institution.
    standalone('district', `\\d{1,3}(?:e|ème|er)\\s+(?:micro-?district|microraïon|arrondissement|quartier)`),
    standalone('institution', `\\d{1,3}(?:e|ème|er)\\s+(?:école|lycée|hôpital|polyclinique|clinique|maternité)`),
    // A capitalised head with a lower-case field: "l'Institut de physique nucléaire", "la Faculté de droit".
    standalone('institution', `(?:Institut|Université|École|Académie|Faculté|Conservatoire|Hôpital|Clinique|Lycée|Collège)\\s+(?:de\\s+la\\s+|de\\s+l['’]|des\\s+|du\\s+|de\\s+|d['’])\\p{Ll}{3,}(?:\\s+\\p{Ll}{4,}){0,2}`),
    // "je travaille chez Transports Martin": after a verb of work, "chez" names the employer.
    { kinds: ['institution'], nameAt: 'end', numberKinds: new Set(), nameOnly: true, re: new RegExp(`(?<![\\p{L}])(?<k0>(?:travaill\\p{L}*|boss\\p{L}*|embauch\\p{L}*|employée?s?|stage|stagiaire|intérim)\\s+chez)\\s+(?<name>${NAME})`, 'gu') },
    quotedAfterPrep('venue', 'à|au|aux|chez|dans|devant|près\\s+du|près\\s+de|depuis|vers'),
    calledAfterHead(venueHeads, `appel[ée]e?s?|nomm[ée]e?s?|qui\\s+s['’]appel(?:le|ait)`, `${QUOTED}|${NAME}`),
    quotedAfterHead('à|au|aux|dans|devant|près\\s+du|près\\s+de|depuis|vers|sur', 'le|la|les|un|une|notre|mon|ma|leur', NOT_PLACE_HEAD_FR),
    namedByApposition('venue', 'chez|à|au|devant|près\\s+de', NAME, 'un|une|le|la|notre|mon|ma|leur', venueHeads),
    // "station Hôtel de Ville – Louis Pradel": a station named after two places, joined by a dash.
    headBefore([['metro', 'station|métro|metro']], `${NAME}\\s[–—-]\\s${NAME}`),
    // "le premier bar où on est allés, c'était Le Roseau": a venue word, then "c'était" and its
    // name; a first name there is the person who runs it (ce bar, c'est Marie qui le tient).
    { ...calledAfterHead(venueHeads, `c['’](?:était|est)`, NAME), veto: startsWithFirstName },
    // "une boîte appelée Mutabor", "un bar qui s'appelle Le Pont": a venue word before "called".
    headBefore([['venue', `(?:${venueHeads}|endroit|lieu)\\s+(?:appel[ée]e?s?|nomm[ée]e?s?|qui\\s+s['’]appel(?:le|ait))`]], `${QUOTED}|${NAME}`),
  ];
}
