import { UUID_A, UUID_B, UUID_C } from '../schema/test-fixtures';
import type { EntryReference } from '../schema/references';
import { allowsAsset, brokenMediaReferences } from './media-reference-check';

const media = (fieldPath: string, targetId: string, allowedTypes?: string[]): EntryReference => ({
  fieldPath,
  targetKind: 'media',
  targetId,
  ...(allowedTypes ? { allowedTypes } : {}),
});

describe(brokenMediaReferences.name, () => {
  const assets = new Map([
    [UUID_A, { id: UUID_A, mimeType: 'image/png', kind: 'image' }],
    [UUID_B, { id: UUID_B, mimeType: 'application/pdf', kind: 'document' }],
  ]);

  it('accepts assets of the library, of an allowed type', () => {
    expect(
      brokenMediaReferences(
        [media('cover', UUID_A, ['image']), media('files', UUID_B), media('files', UUID_A, ['image', 'document'])],
        assets,
      ),
    ).toEqual([]);
  });

  it('names the path of ids no asset backs, of disallowed types and of upper-case spellings', () => {
    expect(
      brokenMediaReferences(
        [
          media('cover', UUID_C),
          media('blocks[1].image', UUID_B, ['image']),
          media('seo.ogImage', UUID_A.toUpperCase()),
          { fieldPath: 'author', targetKind: 'entry', targetId: UUID_C },
          media('bad', 'not-a-uuid'),
        ],
        assets,
      ),
    ).toEqual([
      { fieldPath: 'cover', message: `links to ${UUID_C}, which is not an asset of this workspace's media library` },
      {
        fieldPath: 'blocks[1].image',
        message: `links to ${UUID_B}, a application/pdf file; this field accepts image`,
      },
      {
        fieldPath: 'seo.ogImage',
        message: `links to ${UUID_A.toUpperCase()}: write the asset id in lower case (${UUID_A})`,
      },
    ]);
  });
});

describe(allowsAsset.name, () => {
  const png = { mimeType: 'image/png', kind: 'image' };
  const pdf = { mimeType: 'application/pdf', kind: 'document' };

  it.each([
    [['image'], png, true],
    [['image/png'], png, true],
    [['image/jpeg'], png, false],
    [['video', 'audio'], png, false],
    [['application/pdf'], pdf, true],
    [['application'], pdf, true],
    [['document'], pdf, true],
    [['image'], pdf, false],
    [[], pdf, true],
  ])('%j accepts %j: %s', (allowed, asset, expected) => {
    expect(allowsAsset(allowed, asset)).toBe(expected);
  });
});
