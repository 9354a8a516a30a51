const KEBAB = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';

/** Past participles that do not end in -ed but name things that happen to records. */
const IRREGULAR_PAST = (
  'begun bound bought broken brought built caught chosen come cut dealt done drawn driven found ' +
  'forgotten frozen given gone grown held hidden hit kept known left lent lost made met overridden paid ' +
  'put quit read rebuilt resent reset rewritten risen run seen sent set shown shut sold spent split spoken ' +
  'stolen struck stuck taken thrown told undone unfrozen upset withdrawn won written'
).split(' ');

/** `<plugin>.<subject>.<past-tense-verb>`, each part kebab-case: `content.entry.published`, `identity.api-key.revoked`. */
export const EVENT_NAME_PATTERN = new RegExp(
  `^${KEBAB}\\.${KEBAB}\\.(?:[a-z0-9]+-)*(?:[a-z]+ed|${IRREGULAR_PAST.join('|')})$`,
);

export function isEventName(name: unknown): name is string {
  return typeof name === 'string' && EVENT_NAME_PATTERN.test(name);
}

/** Throws, naming the convention and an example, unless `name` follows it. */
export function assertEventName(name: unknown): asserts name is string {
  if (isEventName(name)) return;
  throw new Error(
    `Invalid event name ${JSON.stringify(name)}: event names are "<plugin>.<subject>.<past-tense-verb>" in ` +
      `kebab-case, e.g. "content.entry.published" or "identity.api-key.revoked".`,
  );
}
