import { isTimeZone, zonedInstant } from './zoned-time';

describe('zonedInstant', () => {
  it('reads a wall-clock time in a zone as its instant, summer and winter', () => {
    expect(zonedInstant('2026-12-01T09:00', 'Europe/Berlin')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(zonedInstant('2026-07-01T09:00:30', 'Europe/Berlin')?.toISOString()).toBe('2026-07-01T07:00:30.000Z');
    expect(zonedInstant('2026-12-01T09:00', 'America/New_York')?.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(zonedInstant('2026-12-01T09:00', 'UTC')?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('refuses text that is not a local date-time', () => {
    for (const text of ['2026-12-01', '2026-12-01T09:00Z', '2026-02-30T09:00', '2026-12-01T24:00', 'soon']) {
      expect(zonedInstant(text, 'UTC')).toBeNull();
    }
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
