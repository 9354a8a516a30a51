import { contentOptionsDefaults } from '../content.options';
import { purgeAt, trashRetentionDays } from './trash-retention';

describe('trash retention', () => {
  it("takes the plan's days, or the default for a plan not listed", () => {
    expect(trashRetentionDays(contentOptionsDefaults, 'free')).toBe(14);
    expect(trashRetentionDays(contentOptionsDefaults, 'scale')).toBe(60);
    expect(trashRetentionDays({ trashRetentionDays: { default: 7 } }, 'enterprise')).toBe(7);
    // An inherited property name is not a plan.
    expect(trashRetentionDays({ trashRetentionDays: { default: 7 } }, 'constructor')).toBe(7);
  });

  it('adds the days to the trash time', () => {
    const deletedAt = new Date('2026-01-01T10:00:00Z');
    expect(purgeAt(contentOptionsDefaults, 'free', deletedAt).toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(purgeAt(contentOptionsDefaults, 'scale', deletedAt).toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });
});
