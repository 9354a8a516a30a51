/**
 * Where an answer came from: the console, the API (a client app of the user's), a platform administrator (a paper
 * form, a phone call), or an import from an earlier system.
 */
export const CONSENT_SOURCES = ['console', 'api', 'administrator', 'import'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** What the user may say about themselves; `administrator` and `import` are not theirs to claim. */
export const SELF_SERVICE_CONSENT_SOURCES = ['console', 'api'] as const;
export type SelfServiceConsentSource = (typeof SELF_SERVICE_CONSENT_SOURCES)[number];
