/** PostgreSQL text-search configurations by language subtag: the only names `textSearchConfig` returns. */
const CONFIGS: Readonly<Record<string, string>> = Object.freeze({
  en: 'english',
  de: 'german',
  fr: 'french',
  es: 'spanish',
  it: 'italian',
  nl: 'dutch',
  pt: 'portuguese',
  sv: 'swedish',
  da: 'danish',
  fi: 'finnish',
  no: 'norwegian',
  nb: 'norwegian',
  nn: 'norwegian',
  ru: 'russian',
  hu: 'hungarian',
  ro: 'romanian',
  tr: 'turkish',
});

/** Every value `textSearchConfig` may return. */
export const TEXT_SEARCH_CONFIGS: readonly string[] = [...new Set([...Object.values(CONFIGS), 'simple'])];

/**
 * The PostgreSQL regconfig for a BCP 47 locale's language (`de-AT` → `german`), `simple` for any other. Always a
 * name from a fixed list, so callers may interpolate it as a `'…'::regconfig` literal.
 */
export function textSearchConfig(locale: string): string {
  const language = String(locale).split(/[-_]/, 1)[0]!.toLowerCase();
  return Object.prototype.hasOwnProperty.call(CONFIGS, language) ? CONFIGS[language]! : 'simple';
}
