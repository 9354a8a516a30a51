import fc from 'fast-check';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { ContentPlugin } from '../src/content.plugin';
import { effectiveFields, isLocalizedField, type ContentTypeDefinition, type FieldDefinition } from '../src/schema';
import { arbitraryInvalidEntry, arbitraryTypeDefinition, arbitraryValidEntry } from '../src/schema/testing/arbitraries';
import { bearer, entriesHelpers, type Account, type Workspace } from './entries-support';

/**
 * Random types, random entries, through HTTP on PostgreSQL: valid data is accepted and reads back as sent; invalid
 * data is refused with a 4xx that names the broken field, never a 500.
 */
describe('Content entries: random types and entries (property)', () => {
  let sut: TestApp;
  const h = entriesHelpers(() => sut);
  let owner: Account;
  let ws: Workspace;
  let typeCounter = 0;

  beforeAll(async () => {
    sut = await createTestApp({ plugins: [IdentityPlugin, WorkspacesPlugin, ContentPlugin] });
    owner = await h.signUp();
    ws = await h.newWorkspace(owner, ['en', 'de']);
  });
  afterAll(async () => {
    await sut?.close();
  });

  /** Each generated type under a fresh API id, so runs never collide in the workspace. */
  async function storeType(definition: ContentTypeDefinition): Promise<ContentTypeDefinition> {
    const apiId = `p${typeCounter++}-${definition.apiId.replace(/-/g, '').slice(0, 20)}`;
    const stored = { ...definition, apiId };
    await h.seedType(ws, stored);
    return stored;
  }

  /** What the API keeps of sent data: top-level nulls are "not set"; slugs left empty may be generated. */
  function expectedReadBack(
    definition: ContentTypeDefinition,
    sent: Record<string, unknown>,
    read: Record<string, unknown>,
  ) {
    const expected: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(sent)) if (value !== null) expected[key] = value;
    for (const field of effectiveFields(definition)) {
      if (field.type === 'slug' && field.sourceField && !(field.name in expected) && field.name in read) {
        expected[field.name] = read[field.name];
      }
    }
    return expected;
  }

  it('accepts random valid entries and reads them back equal; refuses random invalid ones without a 500', async () => {
    const definitions = fc.sample(arbitraryTypeDefinition({ includeMedia: true, includeSeo: true, maxFields: 6 }), {
      numRuns: 15,
      seed: 20261123,
    });
    const failures: string[] = [];
    let accepted = 0;
    let refusedCount = 0;
    for (const generated of definitions) {
      const definition = await storeType(generated);
      const url = `/api/v1/workspaces/${ws.slug}/content-types/${definition.apiId}/entries`;
      const valid = fc.sample(arbitraryValidEntry(definition), { numRuns: 3, seed: typeCounter });
      for (const data of valid) {
        const created = await sut.http.post(url).set(bearer(owner)).send({ data });
        if (created.status !== 201) {
          failures.push(
            `valid ${definition.apiId}: ${created.status} ${JSON.stringify(created.body.errors ?? created.body)} for ${JSON.stringify(data)} in ${JSON.stringify(definition.fields)}`,
          );
          continue;
        }
        accepted++;
        const read = await sut.http.get(`/api/v1/workspaces/${ws.slug}/entries/${created.body.id}`).set(bearer(owner));
        const expected = expectedReadBack(definition, data, read.body.data);
        if (read.status !== 200 || !isDeepStrictEqual(read.body.data, expected)) {
          failures.push(
            `read back ${definition.apiId}: ${JSON.stringify(read.body.data)} ≠ ${JSON.stringify(expected)}`,
          );
        }
        // Shared values are stored once on the entry, localized ones on the locale row.
        const [row] = await sut.dataSource.query(`SELECT shared_data FROM content_entries WHERE id = $1`, [
          created.body.id,
        ]);
        for (const key of Object.keys(row.shared_data)) {
          const field = effectiveFields(definition).find((f) => f.name === key);
          if (!field || isLocalizedField(field)) failures.push(`${definition.apiId}: ${key} stored as shared`);
        }
      }
      const invalid = fc.sample(arbitraryInvalidEntry(definition), { numRuns: 3, seed: typeCounter + 1000 });
      for (const { data, field, rule } of invalid) {
        const refused = await sut.http.post(url).set(bearer(owner)).send({ data });
        const paths: string[] = (refused.body.errors ?? []).map((e: { path: string }) => e.path);
        if (refused.status === 400) refusedCount++;
        const names = paths.some((p) => p === field || p.startsWith(`${field}.`) || p.startsWith(`${field}[`));
        if (refused.status < 400 || refused.status >= 500 || !names) {
          failures.push(`invalid ${definition.apiId} (${field}: ${rule}): ${refused.status} ${JSON.stringify(paths)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect([accepted, refusedCount]).toEqual([45, 45]);
  });

  it('does the same for types with components (nested) and relations to existing entries', async () => {
    const types = `/api/v1/workspaces/${ws.slug}/content-types`;
    // Component types through the types API: one plain, one embedding the first.
    const components = new Map<string, ContentTypeDefinition>();
    const componentOf = (generated: ContentTypeDefinition, n: number): ContentTypeDefinition => ({
      ...generated,
      apiId: `pc${n}-block`,
      kind: 'component',
      // Slugs are unique per type, which a component's values are not checked for; SEO is for pages.
      fields: generated.fields.filter((f) => f.type !== 'slug'),
      options: undefined,
    });
    const [first] = fc.sample(arbitraryTypeDefinition({ maxFields: 3 }), { numRuns: 1, seed: 7001 });
    const inner = componentOf(first!, 1);
    components.set(inner.apiId, inner);
    const [second] = fc.sample(
      arbitraryTypeDefinition({ maxFields: 3, components }).filter((d) => d.fields.some((f) => f.type === 'component')),
      { numRuns: 1, seed: 7002 },
    );
    const outer = componentOf(second!, 2);
    components.set(outer.apiId, outer);
    for (const component of [inner, outer]) {
      const created = await sut.http.post(types).set(bearer(owner)).send(stripUndefined(component));
      expect([created.status, created.body.errors ?? created.body.detail ?? null]).toEqual([201, null]);
    }
    // The relations' target, with a few entries to point at.
    const target = await sut.http
      .post(types)
      .set(bearer(owner))
      .send({ apiId: 'p-target', kind: 'collection', name: 'Target', fields: [{ name: 'label', type: 'text' }] })
      .expect(201);
    expect(target.body.apiId).toBe('p-target');
    const targetIds: string[] = [];
    for (const label of ['a', 'b', 'c', 'd']) {
      const created = await sut.http
        .post(`${types}/p-target/entries`)
        .set(bearer(owner))
        .send({ data: { label } })
        .expect(201);
      targetIds.push(created.body.id);
    }
    const relations: FieldDefinition[] = [
      { name: 'refOne', type: 'relation', target: 'p-target' },
      { name: 'refMany', type: 'relation', target: 'p-target', multiple: true, localized: true },
    ];

    const definitions = fc.sample(
      arbitraryTypeDefinition({ components, maxFields: 5 }).filter((d) => d.fields.some((f) => f.type === 'component')),
      { numRuns: 10, seed: 20261124 },
    );
    const failures: string[] = [];
    let accepted = 0;
    let refusedCount = 0;
    for (const generated of definitions) {
      const definition = await storeType({
        ...generated,
        fields: [...generated.fields.filter((f) => !relations.some((r) => r.name === f.name)), ...relations],
      });
      const url = `/api/v1/workspaces/${ws.slug}/content-types/${definition.apiId}/entries`;
      // Relations pick among the existing targets (the generic arbitraries leave relations out).
      const withRelations = fc
        .tuple(
          arbitraryValidEntry(definition, components),
          fc.option(fc.constantFrom(...targetIds), { nil: undefined }),
          fc.option(fc.uniqueArray(fc.constantFrom(...targetIds), { minLength: 1, maxLength: 3 }), { nil: undefined }),
        )
        .map(([data, refOne, refMany]) => stripUndefined({ ...data, refOne, refMany }));
      for (const data of fc.sample(withRelations, { numRuns: 3, seed: typeCounter })) {
        const created = await sut.http.post(url).set(bearer(owner)).send({ data });
        if (created.status !== 201) {
          failures.push(
            `valid ${definition.apiId}: ${created.status} ${JSON.stringify(created.body.errors ?? created.body)} for ${JSON.stringify(data)} in ${JSON.stringify(definition.fields)}`,
          );
          continue;
        }
        accepted++;
        const read = await sut.http.get(`/api/v1/workspaces/${ws.slug}/entries/${created.body.id}`).set(bearer(owner));
        const expected = expectedReadBack(definition, data, read.body.data);
        if (read.status !== 200 || !isDeepStrictEqual(read.body.data, expected)) {
          failures.push(
            `read back ${definition.apiId}: ${JSON.stringify(read.body.data)} ≠ ${JSON.stringify(expected)}`,
          );
        }
        // Every relation is recorded as a reference (what delete rules and "used in" read).
        const links: Array<{ target_id: string }> = await sut.dataSource.query(
          `SELECT target_id FROM content_references WHERE source_entry_id = $1 AND target_kind = 'entry'`,
          [created.body.id],
        );
        const sent = [data.refOne, ...((data.refMany as string[] | undefined) ?? [])].filter(Boolean).sort();
        if (JSON.stringify(links.map((l) => l.target_id).sort()) !== JSON.stringify(sent)) {
          failures.push(`references ${definition.apiId}: ${JSON.stringify(links)} ≠ ${JSON.stringify(sent)}`);
        }
      }
      // Invalid: the generic violations (inside components too), and relations to entries that do not exist.
      const invalid = fc.oneof(
        arbitraryInvalidEntry(definition, components),
        fc
          .tuple(arbitraryValidEntry(definition, components), fc.uuid(), fc.boolean())
          .filter(([, id]) => !targetIds.includes(id))
          .map(([data, id, many]) =>
            many
              ? { data: { ...data, refMany: [targetIds[0], id] }, field: 'refMany', rule: 'exists' }
              : { data: { ...data, refOne: id }, field: 'refOne', rule: 'exists' },
          ),
      );
      for (const { data, field, rule } of fc.sample(invalid, { numRuns: 4, seed: typeCounter + 1000 })) {
        const refused = await sut.http.post(url).set(bearer(owner)).send({ data });
        const paths: string[] = (refused.body.errors ?? []).map((e: { path: string }) => e.path);
        if (refused.status === 400) refusedCount++;
        const names = paths.some((p) => p === field || p.startsWith(`${field}.`) || p.startsWith(`${field}[`));
        if (refused.status < 400 || refused.status >= 500 || !names) {
          failures.push(
            `invalid ${definition.apiId} (${field}: ${rule}): ${refused.status} ${JSON.stringify(refused.body)} for ${JSON.stringify((data as Record<string, unknown>)[field])}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect([accepted, refusedCount]).toEqual([30, 40]);
  });
});

function stripUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
