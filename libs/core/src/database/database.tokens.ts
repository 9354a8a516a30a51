/** The resolved connection URL (the configured DATABASE_URL, or the embedded server's). */
export const DATABASE_URL = Symbol('DATABASE_URL');
