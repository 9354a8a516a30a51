/** The IANA time zones this browser knows, for the schedule's zone select (UTC first). */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
}

/** An instant as the wall-clock time in a zone, with the zone named: "1 Dec 2026, 09:00 (Europe/Berlin)". */
export function formatInZone(instant: string, timeZone: string | null, locale: string): string {
  const zone = timeZone ?? 'UTC';
  try {
    const text = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(
      new Date(instant),
    );
    return `${text} (${zone})`;
  } catch {
    return instant;
  }
}

/**
 * The wall-clock value for `<input type="datetime-local">` of an instant in a zone ("2026-12-01T09:00"), which is
 * what the API takes as `scheduledAt` together with the zone.
 */
export function wallClockIn(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}
