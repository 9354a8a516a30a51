import type { FieldChange } from '../entities/content-revision.entity';
import { effectiveFields } from '../schema/effective-fields';
import { diffSnapshots } from '../schema/field-diff';
import { isLocalizedField, type ContentTypeDefinition } from '../schema/field-definition';
import { collectReferences, type EntryReference } from '../schema/references';
import { parseFieldPath, withoutReference } from '../trash/reference-path';

/** An entry's stored documents: shared values, and per locale its draft and published document. */
export interface StoredDocuments {
  shared: Record<string, unknown>;
  locales: ReadonlyArray<{
    locale: string;
    draft: Record<string, unknown>;
    published: Record<string, unknown> | null;
  }>;
}

/** The documents that lose the asset (only those that held it) and what the revision records of it. */
export interface MediaRemoval {
  /** The new shared values; null when they did not hold the asset. */
  shared: Record<string, unknown> | null;
  /** New drafts by locale, of the locales whose draft held it. */
  drafts: Map<string, Record<string, unknown>>;
  /** New published documents by locale, of the published versions that held it. */
  published: Map<string, Record<string, unknown>>;
  /** Where the asset was: field paths (`cover`, `blocks[0].image`), each once. */
  fields: string[];
  /** The published versions' changes, for the revision (the draft's come from its snapshots). */
  publishedChanges: FieldChange[];
}

/**
 * Removes every reference to `assetId` from an entry's documents — a single media field becomes null, a list loses
 * the id, inside components at any depth too — as the entry's type reads them now. Documents that did not hold it
 * are left out of the result.
 */
export function removeMediaReferences(
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  stored: StoredDocuments,
  assetId: string,
): MediaRemoval {
  const fields = new Set<string>();
  const strip = (document: Record<string, unknown>): Record<string, unknown> | null => {
    const found = mediaReferencesTo(definition, components, document, assetId);
    if (found.length === 0) return null;
    found.forEach((reference) => fields.add(reference.fieldPath));
    // Lists only ever shrink at a media field itself, never a component list: no path still to visit shifts.
    return found.reduce(
      (doc, reference) => withoutReference(doc, parseFieldPath(reference.fieldPath), reference.targetId),
      document,
    );
  };
  const shared = strip(stored.shared);
  const drafts = new Map<string, Record<string, unknown>>();
  const published = new Map<string, Record<string, unknown>>();
  const publishedChanges: FieldChange[] = [];
  for (const locale of stored.locales) {
    const draft = strip(locale.draft);
    if (draft) drafts.set(locale.locale, draft);
    const document = locale.published ? strip(locale.published) : null;
    if (document && locale.published) {
      published.set(locale.locale, document);
      const changes = diffSnapshots(
        { shared: {}, locales: { [locale.locale]: locale.published } },
        { shared: {}, locales: { [locale.locale]: document } },
      );
      publishedChanges.push(...changes.map((change): FieldChange => ({ ...change, version: 'published' })));
    }
  }
  return { shared, drafts, published, fields: [...fields].sort(), publishedChanges };
}

/**
 * Where `document` holds `assetId` in a media field of the type, in field order, with the id as stored (ids saved
 * before the media plugin checked them may be in upper case).
 */
export function mediaReferencesTo(
  definition: ContentTypeDefinition,
  components: ReadonlyMap<string, ContentTypeDefinition>,
  document: Record<string, unknown>,
  assetId: string,
): EntryReference[] {
  const wanted = assetId.toLowerCase();
  return collectReferences(definition, components, document).filter(
    (reference) => reference.targetKind === 'media' && reference.targetId.toLowerCase() === wanted,
  );
}

/** Whether the field at the top of `path` holds one value for every locale (stored with the shared values). */
export function isSharedPath(definition: ContentTypeDefinition, path: string): boolean {
  const top = /^[^.[]+/.exec(path)?.[0];
  const field = effectiveFields(definition).find((f) => f.name === top);
  return field !== undefined && !isLocalizedField(field);
}
