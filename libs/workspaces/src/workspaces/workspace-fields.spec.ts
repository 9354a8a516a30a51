import { canonicalLocale, checkLocales, isTimeZone } from './workspace-fields';

describe('workspace fields', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])('%j is a time zone', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus', '+01:00', '', 'Europe/', 'europe berlin'])('%j is no time zone', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });

  it('canonicalizes language tags and refuses what is none', () => {
    expect(canonicalLocale('de-ch')).toBe('de-CH');
    expect(canonicalLocale('not a locale')).toBeNull();
  });

  it('puts the default among the enabled locales, reported on the field that was sent', () => {
    const settings = { defaultLocale: 'en', enabledLocales: ['fr'] };
    expect(checkLocales(settings, { defaultLocale: false, enabledLocales: true }).problems).toEqual([
      { path: 'enabledLocales', message: 'defaultLocale en must be one of enabledLocales (fr)' },
    ]);
    expect(checkLocales(settings, { defaultLocale: true, enabledLocales: true }).problems[0].path).toBe(
      'defaultLocale',
    );
    expect(
      checkLocales(
        { defaultLocale: 'fr', enabledLocales: ['fr', 'en-gb'] },
        { defaultLocale: true, enabledLocales: true },
      ),
    ).toEqual({
      value: { defaultLocale: 'fr', enabledLocales: ['fr', 'en-GB'] },
      problems: [],
    });
  });
});
