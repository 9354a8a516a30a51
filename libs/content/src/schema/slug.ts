import slugify from 'slugify';

/** Longest slug a field accepts. */
export const MAX_SLUG_LENGTH = 200;
/** Lowercase letters and digits in runs joined by single hyphens: `hello-world-2`. */
export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const SLUG_REGEXP = new RegExp(SLUG_PATTERN);

/** Whether a value is a slug a field accepts. */
export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_SLUG_LENGTH && SLUG_REGEXP.test(value);
}

/**
 * A slug from free text: transliterated (`Ärger über Öl` → `arger-uber-ol`), lower-case, letters, digits and single
 * hyphens, at most 200 characters, never ending in a hyphen. Locale-independent (the same text gives the same
 * slug in every locale). '' when nothing usable is left.
 */
export function toSlug(text: string): string {
  const slug = slugify(String(text), { lower: true, strict: true, trim: true })
    .replace(/[^a-z0-9-]+/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
}
