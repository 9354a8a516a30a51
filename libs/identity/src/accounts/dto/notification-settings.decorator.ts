import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Notification kinds are named by plugins: `comments`, `content.entry-published`, … */
const NOTIFICATION_KEY = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
const NOTIFICATION_KEY_MAX_LENGTH = 64;
export const NOTIFICATION_SETTINGS_MAX_ENTRIES = 100;

/** Why a notifications object is refused, or null when it is a bounded map of kind → boolean. */
export function notificationSettingsProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be an object of notification kinds to true or false';
  }
  const entries = Object.entries(value);
  if (entries.length > NOTIFICATION_SETTINGS_MAX_ENTRIES) {
    return `must have at most ${NOTIFICATION_SETTINGS_MAX_ENTRIES} entries`;
  }
  for (const [key, enabled] of entries) {
    if (key.length > NOTIFICATION_KEY_MAX_LENGTH || !NOTIFICATION_KEY.test(key)) {
      return `has an invalid notification kind ${JSON.stringify(key.slice(0, NOTIFICATION_KEY_MAX_LENGTH))}: use lower-case words separated by "." or "-"`;
    }
    if (typeof enabled !== 'boolean') return `must map ${JSON.stringify(key)} to true or false`;
  }
  return null;
}

/** `{ "<kind>": true | false }`, at most 100 entries; kinds are lower-case words joined by "." or "-". */
export function IsNotificationSettings(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotificationSettings',
      validator: {
        validate: (value: unknown) => notificationSettingsProblem(value) === null,
        defaultMessage: (args) => `${args?.property ?? 'notifications'} ${notificationSettingsProblem(args?.value)}`,
      },
    },
    options,
  );
}
