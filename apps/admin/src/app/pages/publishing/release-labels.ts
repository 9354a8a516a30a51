export type ReleaseStatus = 'pending' | 'scheduled' | 'done' | 'failed' | 'cancelled';

export function releaseStatusLabel(status: ReleaseStatus): string {
  switch (status) {
    case 'pending':
      return $localize`:@@publishing.release.status.pending:Not scheduled`;
    case 'scheduled':
      return $localize`:@@publishing.release.status.scheduled:Scheduled`;
    case 'done':
      return $localize`:@@publishing.release.status.done:Published`;
    case 'failed':
      return $localize`:@@publishing.release.status.failed:Failed`;
    case 'cancelled':
      return $localize`:@@publishing.release.status.cancelled:Cancelled`;
  }
}

export function releaseActionLabel(action: 'publish' | 'unpublish'): string {
  return action === 'publish'
    ? $localize`:@@publishing.release.action.publish:Publish`
    : $localize`:@@publishing.release.action.unpublish:Unpublish`;
}

/** Only these change or run; the others are the record of what happened. */
export function isOpen(status: ReleaseStatus): boolean {
  return status === 'pending' || status === 'scheduled';
}

/** An entry locale's status (`draft`, `published`, `changed`) in people's words. */
export function entryStatusLabel(status: string | null | undefined): string {
  switch (status) {
    case 'draft':
      return $localize`:@@publishing.entryStatus.draft:Draft`;
    case 'published':
      return $localize`:@@publishing.entryStatus.published:Published`;
    case 'changed':
      return $localize`:@@publishing.entryStatus.changed:Changed since published`;
    default:
      return status ?? '';
  }
}
