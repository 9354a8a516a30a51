import { applyListQuery, parseListQuery } from './index';
import { buildArticleSpec, buildOfflineDataSource, buildScopedQuery } from './testing/list-query.test-builders';
it('x', async () => {
  const ds = await buildOfflineDataSource();
  const spec = buildArticleSpec();
  const q = parseListQuery({ page: '2', sort: '-rating,subtitle', filter: { title: { contains: "50%_o'k\\", ne: 'x' }, status: { in: 'draft,published' }, publishedAt: { gte: '2024-01-01', null: 'false' }, wordCount: { lt: '10' }, rating: '5' } }, spec);
  const qb = applyListQuery(buildScopedQuery(ds).orWhere('e.featured = true'), 'e', q, spec);
  console.log(qb.getQuery(), qb.getParameters());
  console.log(qb.getQueryAndParameters());
});
