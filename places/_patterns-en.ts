// Context patterns for English: "Bauman Street", "Gorky Park", "Chkalovskaya station",
// "Novosibirsk State University", "a bar called Pink Flamingo", "School No. 5", "village of X".
import type { PlaceKind } from './types.ts';
import { CAP, QUOTED, NUMBER, headBefore, headAfter, quotedAfterPrep } from './_patterns.ts';
import type { Rule } from './_patterns.ts';

const NAME = `${CAP}(?:\\s+${CAP}){0,3}`;
const VENUES = 'bar|club|café|cafe|pub|restaurant|cinema|theatre|theater|gym|sauna|shop|store|mall|hotel|hostel|nightclub|coffee shop|bookshop|salon';

const AFTER: [PlaceKind, string][] = [
  ['street', 'Street|St\\.?|Avenue|Ave\\.?|Road|Rd\\.?|Lane|Square|Boulevard|Blvd\\.?|Embankment|embankment|Prospekt|prospekt|Prospect|Highway|Drive|Alley|Passage|Quay|Embankment|street|avenue|square|lane|Pereulok|pereulok|Ulitsa|ulitsa|Naberezhnaya'],
  ['park', 'Park|Gardens?|park|gardens?|Grove|Woods?'],
  ['metro', '(?:metro|subway|underground)\\s+station|Station|station|Metro'],
  ['district', 'District|district|Neighbou?rhood|neighbou?rhood|Microdistrict|microdistrict|estate|housing estate|quarter|Quarter'],
  ['region', 'Oblast|oblast|Krai|krai|Region|region|Republic|Okrug|okrug|Province|province|Territory'],
  ['institution', '(?:State\\s+|Federal\\s+|National\\s+|Medical\\s+|Pedagogical\\s+|Technical\\s+)?(?:University|Institute|Hospital|hospital|Clinic|clinic|School|school|Academy|College|Lyceum|Gymnasium|Factory|factory|Plant|plant|Works|Prison|Polyclinic|Conservatory)'],
  ['venue', 'Theatre|Theater|theatre|Cinema|cinema|Mall|mall|Airport|airport|bar|Bar|club|Club|café|cafe|Café|Cafe|pub|Pub|restaurant|Restaurant|gym|Gym|sauna|nightclub|shopping centre|shopping center|Market|market|Hotel|hotel|hostel|Museum|museum|Gallery'],
  ['landmark', 'Bridge|bridge|Cathedral|cathedral|Church|church|Mosque|Monastery|Lake|lake|River|river|Stadium|stadium|Cemetery|cemetery|Island|Kremlin|Monument|monument|bus stop|Embankment|Beach|beach|Fountain'],
];

const BEFORE: [PlaceKind, string, string][] = [
  ['venue', `${VENUES}`, QUOTED],
  ['venue', `(?:${VENUES})\\s+(?:called|named)`, `${QUOTED}|${NAME}`],
  ['institution', 'School|school|Hospital|hospital|Lyceum|lyceum|Gymnasium|gymnasium|Clinic|clinic|Polyclinic|polyclinic|Kindergarten|kindergarten|Prison Colony|prison colony|penal colony|colony', NUMBER],
  ['town', 'village of|town of|city of|settlement of|hamlet of|village|town', NAME],
  ['district', 'district of|suburb of|neighbou?rhood of|microdistrict', NAME],
  ['region', 'region of|oblast of|republic of|Republic of', NAME],
  ['metro', 'metro station|metro|subway station|station', `${QUOTED}|${NAME}`],
  ['landmark', 'bus stop|stop', QUOTED],
  ['street', 'on|along|off', `${CAP}(?:\\s+${CAP})?\\s+(?:Street|Avenue|Prospekt|Lane|Square|Embankment)`],
];

/**
 * Russian/Ukrainian head words left untranslated in Latin stories ("ulitsa Lenina",
 * "prospekt Mira", "park Gorkogo", "vulytsia Shevchenka"), English and French spellings.
 */
export const TRANSLIT_HEADS: [PlaceKind, string][] = [
  ['street', 'ulitsa|ulitsy|ulitse|ulitsu|oulitsa|ul\\.|prospekt|prospekte|prospekta|pr-t|ploshchad|ploshchadi|plochtchad|naberezhnaya|naberezhnoy|naberejnaïa|naberejnaia|pereulok|pereoulok|bulvar|boulvar|shosse|chaussée|vulytsia|vulytsi|vulitsa|vul\\.|ploshcha|ploshchi|maidan|maïdan|provulok|uzviz|alleya|tupik|proyezd|proezd|trakt'],
  ['park', 'park|sad|skver'],
  ['district', 'mikrorayon|mikroraion|rayon|raion|kvartal|massiv|zhilmassiv'],
  ['town', 'selo|derevnya|poselok|posyolok|stanitsa|khutor|smt|pgt|selyshche'],
];

export function englishRules(): Rule[] {
  const rules: Rule[] = [headAfter(NAME, AFTER), quotedAfterPrep('venue', 'at|in|to|from|near|outside|inside|into'), headBefore(TRANSLIT_HEADS, NAME)];
  for (const [kind, heads, name] of BEFORE) {
    if (kind === 'street') continue; // covered by AFTER
    rules.push(headBefore([[kind, heads]], name, '', ['institution']));
  }
  return rules;
}
