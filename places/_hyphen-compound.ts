// Hyphenated toponyms whose parts the matchers find one by one: "Saint-Jacques-de-la-Lande"
// (Saint-Jacques + Lande), "Castelnau-le-Lez", "Saint-Martin-d'Hères", "Croix-Rousse" (a town
// word + a city elsewhere). The detector widens a place found inside one to all of it.

const PARTICLE = String.raw`(?:de|du|des|la|le|les|lès|lez|sur|sous|en|aux|au|et|на|над|под)`;
const PART = String.raw`\p{Lu}[\p{L}\p{M}]*`;
/** Capitalised parts joined by hyphens, lower-case particles between them (d'/l' elided). */
const COMPOUND = new RegExp(String.raw`(?<![\p{L}\p{M}'’-])${PART}(?:-(?:${PARTICLE}-)*(?:[dl]['’])?${PART})+(?![\p{L}\p{M}'’-])`, 'gu');
const WITH_PARTICLE = new RegExp(String.raw`-(?:${PARTICLE}-|[dl]['’])`, 'u');

export interface HyphenCompound { start: number; end: number; withParticle: boolean }

export function hyphenCompounds(text: string): HyphenCompound[] {
  return [...text.matchAll(COMPOUND)].map((m) => ({ start: m.index, end: m.index + m[0].length, withParticle: WITH_PARTICLE.test(m[0]) }));
}
