import fc from 'fast-check';
import { IdentityPlugin } from '@quire/identity';
import { WorkspacesPlugin } from '@quire/workspaces';
import { createTestApp, type TestApp } from '@quire/testing';
import { ContentPlugin } from '../src/content.plugin';
import { effectiveFields, isLocalizedField, type ContentTypeDefinition } from '../src/schema';
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
});

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
