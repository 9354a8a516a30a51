/** Quire's naming conventions, and the suggestions a fix gives when a name breaks them. */

export const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function afterLastDot(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

export function suggestKebab(text: string): string {
  return words(text)
    .join('-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 50);
}

export function suggestPascal(text: string): string {
  return words(text)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
    .replace(/^[^A-Z]+/, '');
}

/** The conventional export name of a plugin value: `acme-reviews` → `AcmeReviewsPlugin`. */
export function pluginConstName(name: string): string {
  return `${suggestPascal(name)}Plugin`;
}

export function suggestTable(plugin: string, table: string): string {
  const bare = table.split('.').pop() ?? table;
  return `${words(plugin).join('_')}_${bare}`;
}

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}
