import type { FieldProblem } from '@quire/core';

export const SLUG_MIN_LENGTH = 3;
export const SLUG_MAX_LENGTH = 48;
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path segments and names the product uses or may use, which a workspace may not take. */
export const RESERVED_SLUGS: readonly string[] = [
  'api',
  'admin',
  'auth',
  'me',
  'health',
  'docs',
  'static',
  'assets',
  'www',
  'app',
  'apps',
  'new',
  'settings',
  'workspaces',
  'workspace',
  'login',
  'logout',
  'signin',
  'sign-in',
  'signup',
  'sign-up',
  'register',
  'help',
  'support',
  'status',
  'billing',
  'system',
  'root',
  'quire',
  'mail',
  'graphql',
  'openapi',
  'public',
  'cdn',
  'media',
  'files',
  'uploads',
  'plugins',
  'internal',
  'null',
  'undefined',
];

/** Whether a route reference looks like an id rather than a slug (slugs never do; see slugProblem). */
export function isUuid(reference: string): boolean {
  return UUID_SHAPE.test(reference);
}

/** The rule a slug breaks, as a field problem naming `slug`; null when it is well formed and not reserved. */
export function slugProblem(slug: string): FieldProblem | null {
  if (slug.length < SLUG_MIN_LENGTH || slug.length > SLUG_MAX_LENGTH) {
    return { path: 'slug', message: `slug must be ${SLUG_MIN_LENGTH} to ${SLUG_MAX_LENGTH} characters long` };
  }
  if (!KEBAB.test(slug)) {
    return {
      path: 'slug',
      message: 'slug must be lower-case kebab-case: letters a-z, digits and single hyphens between them',
    };
  }
  // A slug shaped like an id would make a route reference ambiguous.
  if (isUuid(slug)) return { path: 'slug', message: 'slug must not have the shape of a UUID' };
  if (RESERVED_SLUGS.includes(slug)) return { path: 'slug', message: `slug "${slug}" is reserved` };
  return null;
}
