import { Logger } from '@nestjs/common';
import { RequestContext, TenantDataSource, type PluginContext } from '@quire/core';
import { DEMO_WORKSPACE_SLUG } from '@quire/workspaces';
import { EntryTranslationService } from './entries/entry-translation.service';
import { EntryService } from './entries/entry.service';
import type { ContentTypeDefinition } from './schema/field-definition';
import { ContentTypeService } from './types/content-type.service';

/** The demo blog's model: authors, categories and posts, readable by anyone through the delivery API. */
export const DEMO_CONTENT_TYPES: ContentTypeDefinition[] = [
  {
    apiId: 'author',
    kind: 'collection',
    name: 'Author',
    fields: [
      { name: 'name', type: 'text', required: true, localized: false },
      { name: 'slug', type: 'slug', sourceField: 'name', localized: false },
      { name: 'bio', type: 'longText' },
      { name: 'avatar', type: 'media', allowedTypes: ['image'], localized: false },
    ],
    options: { publicRead: true },
  },
  {
    apiId: 'category',
    kind: 'collection',
    name: 'Category',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'slug', type: 'slug', sourceField: 'name' },
    ],
    options: { publicRead: true },
  },
  {
    apiId: 'post',
    kind: 'collection',
    name: 'Post',
    fields: [
      { name: 'title', type: 'text', required: true, maxLength: 200 },
      { name: 'slug', type: 'slug', sourceField: 'title', required: true },
      { name: 'excerpt', type: 'longText', maxLength: 500 },
      { name: 'body', type: 'richText' },
      { name: 'publishedOn', type: 'date', indexed: true },
      { name: 'author', type: 'relation', target: 'author' },
      { name: 'categories', type: 'relation', target: 'category', multiple: true, onDelete: 'detach' },
    ],
    options: { seo: true, publicRead: true },
  },
];

const AUTHORS = [
  { name: 'Ada Byron', bio: { en: 'Writes about engines and notes.', de: 'Schreibt über Maschinen und Notizen.' } },
  { name: 'Grace Hopper', bio: { en: 'Compilers, ships and nanoseconds.', de: 'Compiler, Schiffe und Nanosekunden.' } },
  { name: 'Alan Kay', bio: { en: 'The best way to predict the future.', de: 'Die Zukunft erfinden.' } },
];

const CATEGORIES = [
  { en: 'News', de: 'Neuigkeiten' },
  { en: 'Engineering', de: 'Technik' },
  { en: 'Design', de: 'Gestaltung' },
  { en: 'Company', de: 'Unternehmen' },
];

const TOPICS = [
  { en: 'Hello from Quire', de: 'Hallo von Quire' },
  { en: 'Modelling content at run time', de: 'Inhalte zur Laufzeit modellieren' },
  { en: 'Publishing one locale at a time', de: 'Eine Sprache nach der anderen veröffentlichen' },
  { en: 'Revisions that keep relations', de: 'Revisionen, die Beziehungen behalten' },
  { en: 'Fast filters on JSONB', de: 'Schnelle Filter auf JSONB' },
  { en: 'Private fields stay private', de: 'Private Felder bleiben privat' },
  { en: 'A trash you can trust', de: 'Ein Papierkorb, dem man vertraut' },
  { en: 'Delivery with ETags', de: 'Auslieferung mit ETags' },
  { en: 'Full-text search per language', de: 'Volltextsuche pro Sprache' },
  { en: 'Importing a workspace', de: 'Einen Arbeitsbereich importieren' },
  { en: 'Design notes for the console', de: 'Gestaltungsnotizen zur Konsole' },
  { en: 'What comes next', de: 'Was als Nächstes kommt' },
];

/** How far each post gets: published in both locales, in English only (German draft), or a draft. */
function stateOf(index: number): 'both' | 'en-only' | 'draft' {
  if (index < 6) return 'both';
  if (index < 9) return 'en-only';
  return 'draft';
}

function paragraph(text: string): unknown {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/**
 * Demo data (development only): a small bilingual blog in the demo workspace — 3 authors, 4 categories and 12
 * posts in English and German; six published in both locales, three published in English with the German
 * version still a draft, three drafts. Written through the content services, so revisions, references and
 * events are those of real edits. Does nothing when the demo workspace is missing or already has content types.
 * Makes the workspace's locales en (default) and de.
 */
export async function seedContentDemo(context: PluginContext): Promise<void> {
  const system = RequestContext.system('content.demo-seed');
  const manager = context.get(TenantDataSource).manager(system);
  const [workspace] = (await manager.query(
    `SELECT w.id, w.slug, m.user_id AS owner_id FROM workspaces w
       JOIN workspace_members m ON m.workspace_id = w.id AND m.role = 'owner'
      WHERE w.slug = $1 ORDER BY m.created_at LIMIT 1`,
    [DEMO_WORKSPACE_SLUG],
  )) as Array<{ id: string; slug: string; owner_id: string }>;
  if (!workspace) return;
  const [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM content_types WHERE workspace_id = $1`, [
    workspace.id,
  ])) as Array<{ count: number }>;
  if (count > 0) return;

  await manager.query(
    `UPDATE workspaces SET default_locale = 'en', enabled_locales = ARRAY['en', 'de']::text[], updated_at = now()
      WHERE id = $1 AND NOT (enabled_locales @> ARRAY['en', 'de']::text[] AND default_locale = 'en')`,
    [workspace.id],
  );
  const ctx = system
    .withActor({ type: 'user', id: workspace.owner_id })
    .withWorkspace({ id: workspace.id, slug: workspace.slug });
  const types = context.get(ContentTypeService);
  const entries = context.get(EntryService);
  const translations = context.get(EntryTranslationService);

  for (const definition of DEMO_CONTENT_TYPES) await types.create(ctx, definition);

  /** Creates in English, adds the German version, publishes the locales asked for. */
  const write = async (
    apiId: string,
    en: Record<string, unknown>,
    de: Record<string, unknown>,
    publish: string[],
  ): Promise<string> => {
    const { id } = await entries.create(ctx, apiId, { locale: 'en', data: en });
    await translations.translate(ctx, id, 'de', 'en');
    await entries.update(ctx, id, { locale: 'de', data: de });
    for (const locale of publish) await entries.publish(ctx, id, locale);
    return id;
  };

  const authorIds: string[] = [];
  for (const a of AUTHORS) {
    authorIds.push(await write('author', { name: a.name, bio: a.bio.en }, { bio: a.bio.de }, ['en', 'de']));
  }
  const categoryIds: string[] = [];
  for (const c of CATEGORIES) categoryIds.push(await write('category', { name: c.en }, { name: c.de }, ['en', 'de']));

  for (const [index, topic] of TOPICS.entries()) {
    const state = stateOf(index);
    const day = String(index + 1).padStart(2, '0');
    await write(
      'post',
      {
        title: topic.en,
        excerpt: `${topic.en}: a short introduction.`,
        body: paragraph(`${topic.en}. This demo post shows how Quire stores and delivers content.`),
        publishedOn: `2026-01-${day}`,
        author: authorIds[index % authorIds.length],
        categories: [categoryIds[index % categoryIds.length], categoryIds[(index + 1) % categoryIds.length]],
        seo: { title: topic.en, metaDescription: `${topic.en} — a post of the Quire demo blog.` },
      },
      {
        title: topic.de,
        excerpt: `${topic.de}: eine kurze Einführung.`,
        body: paragraph(`${topic.de}. Dieser Demo-Beitrag zeigt, wie Quire Inhalte speichert und ausliefert.`),
        seo: { title: topic.de, metaDescription: `${topic.de} — ein Beitrag des Quire-Demo-Blogs.` },
      },
      state === 'both' ? ['en', 'de'] : state === 'en-only' ? ['en'] : [],
    );
  }
  new Logger('ContentDemoSeed').log(
    `Demo content in workspace "${workspace.slug}": ${DEMO_CONTENT_TYPES.length} types, ${AUTHORS.length} authors, ` +
      `${CATEGORIES.length} categories, ${TOPICS.length} posts (en, de)`,
  );
}
