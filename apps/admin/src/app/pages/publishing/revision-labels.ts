/** People's words for a revision's kind (the API's `kind`). */
export function revisionKindLabel(kind: string): string {
  switch (kind) {
    case 'create':
      return $localize`:@@publishing.kind.create:Created`;
    case 'save':
      return $localize`:@@publishing.kind.save:Saved`;
    case 'publish':
      return $localize`:@@publishing.kind.publish:Published`;
    case 'unpublish':
      return $localize`:@@publishing.kind.unpublish:Unpublished`;
    case 'translate':
      return $localize`:@@publishing.kind.translate:Translated`;
    case 'restore':
      return $localize`:@@publishing.kind.restore:Restored`;
    case 'trash':
      return $localize`:@@publishing.kind.trash:Moved to the trash`;
    case 'untrash':
      return $localize`:@@publishing.kind.untrash:Taken out of the trash`;
    case 'reference-removed':
      return $localize`:@@publishing.kind.referenceRemoved:Link removed`;
    case 'schema-migration':
      return $localize`:@@publishing.kind.schemaMigration:Type changed`;
    case 'import':
      return $localize`:@@publishing.kind.import:Imported`;
    default:
      return kind;
  }
}

/** "title (de)" for a localized field, "title" for a shared one. */
export function fieldLabel(path: string, locale: string | null): string {
  return locale ? `${path} (${locale})` : path;
}
