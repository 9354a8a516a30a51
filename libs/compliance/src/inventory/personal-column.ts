/**
 * Whether a column's name says it holds personal data: an email address, a person's name, an IP address, a user
 * agent, a phone number, a postal address, a picture of a person, a birth date, an identity document or a location.
 * A heuristic on words of the name (snake_case or camelCase), so that `api_id`, `file_name` or `type_name` do not
 * match; a bare `name` counts only on a table about people (`users`, `members`, `contacts`…).
 */
export function looksPersonal(table: string, column: string): boolean {
  const words = wordsOf(column);
  const has = (word: string): boolean => words.includes(word);
  if (ALWAYS_PERSONAL.some(has)) return true;
  if (has('agent') && (has('user') || has('browser'))) return true;
  if ((has('mail') && has('e')) || (has('zip') && has('code'))) return true;
  if (has('address') && !words.some((w) => NOT_A_PERSON_ADDRESS.has(w))) return true;
  if (has('name') || has('names')) {
    if (words.some((w) => PERSON_NAME_QUALIFIERS.has(w))) return true;
    return words.length === 1 && wordsOf(table).some((w) => PEOPLE_TABLES.has(w));
  }
  return false;
}

/** Words that alone make a column personal. */
const ALWAYS_PERSONAL = [
  'email',
  'emails',
  'ip',
  'ua',
  'phone',
  'mobile',
  'fax',
  'telephone',
  'avatar',
  'photo',
  'portrait',
  'username',
  'nickname',
  'surname',
  'birthday',
  'birthdate',
  'dob',
  'birth',
  'gender',
  'nationality',
  'passport',
  'ssn',
  'street',
  'postcode',
  'postal',
  'geolocation',
  'latitude',
  'longitude',
];

/** `ip_address`, `mac_address`, `home_address` are personal; these addresses are not. */
const NOT_A_PERSON_ADDRESS = new Set(['contract', 'wallet', 'memory', 'base', 'url', 'web', 'server', 'endpoint']);

/** A `name` qualified by one of these is a person's name (`display_name`, `first_name`, `author_name`…). */
const PERSON_NAME_QUALIFIERS = new Set([
  'display',
  'first',
  'last',
  'full',
  'given',
  'family',
  'middle',
  'maiden',
  'user',
  'nick',
  'real',
  'legal',
  'person',
  'contact',
  'author',
  'owner',
  'member',
  'customer',
  'recipient',
  'sender',
  'uploader',
  'signer',
]);

/** Words of table names about people, whose bare `name` column is a person's name. */
const PEOPLE_TABLES = new Set([
  'user',
  'users',
  'member',
  'members',
  'person',
  'persons',
  'people',
  'contact',
  'contacts',
  'customer',
  'customers',
  'profile',
  'profiles',
  'account',
  'accounts',
  'subscriber',
  'subscribers',
  'employee',
  'employees',
  'author',
  'authors',
  'recipient',
  'recipients',
]);

/** `userAgent`, `user_agent`, `User-Agent` → `['user', 'agent']`. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
