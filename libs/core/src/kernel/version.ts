/** The kernel's version; plugins declare `requires: { core: '^0.1.0' }` against it. */
export const QUIRE_VERSION = '0.1.0';
