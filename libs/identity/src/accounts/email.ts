/**
 * The lookup key of an email address: trimmed, local part and domain lower-cased. Matches the unique index on
 * `lower(email)`; the address itself is stored as the user typed it (trimmed).
 */
export function emailLookupKey(email: string): string {
  return email.trim().toLowerCase();
}
