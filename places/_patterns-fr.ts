// Context patterns for French: "rue Baumana", "parc Gorki", "métro Maïakovskaïa",
// "quartier de Kouptchino", "oblast de Sverdlovsk", "café « Chocolat »", "usine KAMAZ".
import type { PlaceKind } from './types.ts';
import { CAP, QUOTED, NUMBER, headBefore, quotedAfterPrep } from './_patterns.ts';
import type { Rule } from './_patterns.ts';
import { TRANSLIT_HEADS } from './_patterns-en.ts';

// Name with particles inside it: "de la Paix", "Saint-Pierre", "Jean Jaurès".
const NAME = `${CAP}(?:\\s+(?:${CAP}|de|du|des|la|le|d['’]\\p{Lu}\\p{L}*)){0,3}`;
const CONNECT = `(?:\\s+(?:de\\s+la|de\\s+l['’]|du|des|de|d['’]|à\\s+la|au))?`;

const HEADS: [PlaceKind, string][] = [
  ['street', 'rue|avenue|av\\.|boulevard|bd|place|quai|quais|impasse|allée|chemin|route|cours|perspective|prospekt|passage|ruelle|esplanade|rond-point'],
  ['park', 'parc|jardin|square|bois|forêt'],
  ['metro', 'station\\s+de\\s+métro|station|métro|metro'],
  ['landmark', 'gare|arrêt\\s+de\\s+bus|arrêt|pont|cathédrale|église|mosquée|lac|fleuve|rivière|monument|statue|stade|cimetière|monastère|kremlin|plage|fontaine'],
  ['district', 'quartier|arrondissement|district|microdistrict|banlieue|cité'],
  ['region', 'oblast|kraï|krai|région|république|province|territoire'],
  ['town', 'village|ville|bourg|hameau|commune|bourgade'],
  ['institution', 'université|lycée|collège|école|hôpital|clinique|polyclinique|usine|faculté|institut|académie|maternité|prison|conservatoire|entreprise'],
  ['venue', 'bar|café|club|boîte(?:\\s+de\\s+nuit)?|discothèque|restaurant|cinéma|théâtre|salle|centre\\s+commercial|aéroport|hôtel|auberge|sauna|salon|librairie|magasin|boutique|musée|galerie|marché'],
];

export function frenchRules(): Rule[] {
  return [headBefore(HEADS, `${QUOTED}|${NAME}|${NUMBER}`, CONNECT, ['institution']), headBefore(TRANSLIT_HEADS, NAME), quotedAfterPrep('venue', 'à|au|aux|chez|dans|devant|près\\s+du|près\\s+de|depuis|vers')];
}
