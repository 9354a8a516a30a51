/** The placeholders a type's `options.previewUrl` may use, filled by the preview-url route. */
export const PREVIEW_URL_PLACEHOLDERS = ['id', 'locale', 'slug', 'token', 'contentType'] as const;
export type PreviewUrlPlaceholder = (typeof PREVIEW_URL_PLACEHOLDERS)[number];

const MAX_LENGTH = 2000;
const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Why a preview URL template is unacceptable, or null: an absolute http(s) URL of at most 2000 characters whose
 * `{…}` placeholders are all from the fixed set (with the placeholders filled in, it must still parse).
 */
export function previewUrlTemplateProblem(template: unknown): string | null {
  if (typeof template !== 'string' || template.trim() === '') return 'must be a non-empty string';
  if (template.length > MAX_LENGTH) return `must be at most ${MAX_LENGTH} characters`;
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (!PREVIEW_URL_PLACEHOLDERS.includes(name as PreviewUrlPlaceholder)) {
      return `unknown placeholder "{${name}}"; allowed: ${PREVIEW_URL_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`;
    }
  }
  const sample = template.replace(PLACEHOLDER, 'x');
  if (/[{}]/.test(sample)) return 'has an unbalanced "{" or "}"';
  let url: URL;
  try {
    url = new URL(sample);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an absolute http or https URL';
  return null;
}

/** The template with every placeholder replaced by its URL-encoded value (an absent value becomes empty). */
export function fillPreviewUrl(template: string, values: Partial<Record<PreviewUrlPlaceholder, string>>): string {
  return template.replace(PLACEHOLDER, (_, name: PreviewUrlPlaceholder) => encodeURIComponent(values[name] ?? ''));
}
