import type { FieldProblem } from '@quire/core';

export const MAX_ENABLED_LOCALES = 50;

/** An IANA time zone name the runtime knows (`Europe/Berlin`, `UTC`); offsets like `+01:00` are not zones. */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The canonical form of a BCP 47 language tag (`en-us` → `en-US`), or null when it is none. */
export function canonicalLocale(value: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    return canonical ?? null;
  } catch {
    return null;
  }
}

export interface LocaleSettings {
  defaultLocale: string;
  enabledLocales: string[];
}

/**
 * Canonical locales, or the problems with them: each a language tag, none twice, the default among the enabled.
 * `changed` names the fields the request sent, so a problem is reported on a field the caller can fix.
 */
export function checkLocales(
  settings: LocaleSettings,
  changed: { defaultLocale: boolean; enabledLocales: boolean },
): { value: LocaleSettings; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const enabled = settings.enabledLocales.map((locale, index) => {
    const canonical = canonicalLocale(locale);
    if (!canonical)
      problems.push({ path: `enabledLocales.${index}`, message: `"${locale}" is not a BCP 47 language tag` });
    return canonical ?? locale;
  });
  const duplicates = enabled.filter((locale, index) => enabled.indexOf(locale) !== index);
  if (duplicates.length > 0) {
    problems.push({ path: 'enabledLocales', message: `enabledLocales lists ${duplicates.join(', ')} more than once` });
  }
  const defaultLocale = canonicalLocale(settings.defaultLocale);
  if (!defaultLocale) {
    problems.push({ path: 'defaultLocale', message: `"${settings.defaultLocale}" is not a BCP 47 language tag` });
  } else if (problems.length === 0 && !enabled.includes(defaultLocale)) {
    problems.push({
      path: changed.defaultLocale || !changed.enabledLocales ? 'defaultLocale' : 'enabledLocales',
      message: `defaultLocale ${defaultLocale} must be one of enabledLocales (${enabled.join(', ')})`,
    });
  }
  return { value: { defaultLocale: defaultLocale ?? settings.defaultLocale, enabledLocales: enabled }, problems };
}
