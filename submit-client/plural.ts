// Plural slots, `{count|one:editor|other:editors}`: the word for `count`'s plural category in the
// message's language (Intl.PluralRules: CLDR's zero/one/two/few/many/other), else the `other`
// one. Shared by the page (i18n.ts) and the server, which fills the editor count into the
// Russian pre-rendered page at start (page-template.ts).

const PLURAL_SLOT = /\{(\w+)\|([^{}]*)\}/g;

function pluralForm(forms: string, category: string): string {
  const pairs = forms.split('|').map((form) => form.split(':') as [string, string]);
  return (pairs.find(([name]) => name === category) ?? pairs.find(([name]) => name === 'other'))?.[1] ?? '';
}

/** Fills the plural slots of `text` whose count is a number in `values`; leaves the others. */
export function fillPlurals(text: string, lang: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(PLURAL_SLOT, (slot, name: string, forms: string) => {
    const value = values[name];
    return typeof value === 'number' ? pluralForm(forms, new Intl.PluralRules(lang).select(value)) : slot;
  });
}
