/** A custom role's key, and the shape of a role name in requests: lower-case kebab-case. */
export const ROLE_KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const ROLE_KEY_MIN_LENGTH = 3;
export const ROLE_KEY_MAX_LENGTH = 40;
