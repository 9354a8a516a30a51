import 'reflect-metadata';
import { Column, DataSource, Entity, PrimaryColumn, type SelectQueryBuilder } from 'typeorm';
import type { ListFieldSpec, ListQuerySpec } from '../list-query.types';

/** Test entity: camelCase properties on snake_case columns, plus a jsonb document. */
@Entity('list_query_articles')
export class TestArticle {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'workspace_id' }) workspaceId!: string;
  @Column('text') title!: string;
  @Column('text') slug!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'integer', name: 'word_count' }) wordCount!: number;
  @Column({ type: 'numeric' }) score!: string;
  @Column({ type: 'boolean' }) featured!: boolean;
  @Column({ type: 'timestamptz', name: 'published_at', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'uuid', name: 'author_id', nullable: true }) authorId!: string | null;
  @Column({ type: 'text', name: 'secret_note' }) secretNote!: string;
  @Column('jsonb') data!: Record<string, unknown>;
}

const all = { filterable: true, sortable: true, selectable: true } as const;

/** A spec covering every field type; pass overrides to vary one part per test. */
export function buildArticleSpec(overrides: Partial<ListQuerySpec> = {}): ListQuerySpec {
  const fields: Record<string, ListFieldSpec> = {
    id: { type: 'uuid', column: 'id', ...all },
    title: { type: 'text', column: 'title', ...all },
    slug: { type: 'string', column: 'slug', filterable: true, selectable: true },
    status: { type: 'enum', column: 'status', enumValues: ['draft', 'published', 'archived'], ...all },
    wordCount: { type: 'integer', column: 'wordCount', ...all },
    score: { type: 'number', column: 'score', ...all },
    featured: { type: 'boolean', column: 'featured', ...all },
    publishedAt: { type: 'datetime', column: 'publishedAt', ...all },
    authorId: { type: 'uuid', column: 'authorId', filterable: true },
    secretNote: { type: 'text', column: 'secretNote' },
    subtitle: { type: 'text', column: "data->>'subtitle'", ...all },
    rating: { type: 'integer', column: "({alias}.data->>'rating')::int", ...all },
  };
  return { fields, defaultSort: '-publishedAt', tieBreaker: 'id', ...overrides };
}

/** A DataSource with metadata but no connection: enough to build and inspect SQL. */
export async function buildOfflineDataSource(): Promise<DataSource> {
  const ds = new DataSource({ type: 'postgres', entities: [TestArticle] });
  // buildMetadatas is protected; initialize() would also connect, which these tests must not need.
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return ds;
}

/** A builder already scoped like a tenant-owned read path. */
export function buildScopedQuery(ds: DataSource, alias = 'e'): SelectQueryBuilder<TestArticle> {
  return ds
    .createQueryBuilder(TestArticle, alias)
    .where(`${alias}.workspaceId = :workspaceId`, { workspaceId: 'ws-1' });
}
