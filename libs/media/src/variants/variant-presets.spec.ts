import { QuireError } from '@quire/core';
import {
  buildVariantPresets,
  checkVariantPresets,
  DEFAULT_VARIANT_PRESETS,
  MAX_WORKSPACE_PRESETS,
  resolveVariantPreset,
} from './variant-presets';
import { VariantPresetNotFoundError } from './variant.errors';

describe(buildVariantPresets.name, () => {
  it('gives every workspace the installation presets, complete with defaults', () => {
    const presets = buildVariantPresets();

    expect([...presets.keys()]).toEqual(DEFAULT_VARIANT_PRESETS.map((preset) => preset.name));
    expect(presets.get('thumbnail')).toEqual({ width: 200, height: 200, fit: 'cover', format: 'webp', quality: 75 });
    expect(presets.get('small')).toEqual({ width: 480, fit: 'inside', format: 'webp', quality: 80 });
  });

  it('adds the workspace presets and lets them replace an installation preset of the same name', () => {
    const presets = buildVariantPresets([
      { name: 'hero', width: 2400, height: 1000, format: 'avif' },
      { name: 'thumbnail', width: 150, height: 150 },
    ]);

    expect(presets.get('hero')).toEqual({ width: 2400, height: 1000, fit: 'cover', format: 'avif', quality: 55 });
    expect(presets.get('thumbnail')).toEqual({ width: 150, height: 150, fit: 'cover', format: 'webp', quality: 80 });
  });

  it('leaves out a stored definition that no longer passes the rules, and the reserved name', () => {
    const presets = buildVariantPresets([
      { name: 'broken', width: 99999 },
      { name: 'custom', width: 10 },
    ]);

    expect(presets.has('broken')).toBe(false);
    expect(presets.has('custom')).toBe(false);
  });
});

describe(checkVariantPresets.name, () => {
  it('accepts valid definitions', () => {
    expect(
      checkVariantPresets([{ name: 'card-2x', width: 640, height: 360, fit: 'cover', format: 'jpeg', quality: 70 }]),
    ).toEqual([]);
  });

  it('names every broken rule with its path', () => {
    expect(
      checkVariantPresets([
        { name: 'Card', width: 10 },
        { name: 'card', width: 0, format: 'png', quality: 50 },
        { name: 'card', height: 10, fit: 'stretch' },
        { name: 'custom', width: 10 },
        { name: 'empty' },
      ]),
    ).toEqual([
      { path: 'variantPresets[0].name', message: 'must be 1-40 lower-case letters, digits and inner hyphens' },
      { path: 'variantPresets[1].width', message: 'must be an integer between 1 and 4096' },
      { path: 'variantPresets[1].quality', message: 'must be absent with png (PNG is lossless)' },
      { path: 'variantPresets[2].name', message: '"card" is defined twice' },
      { path: 'variantPresets[2].fit', message: 'must be one of cover, contain, inside' },
      { path: 'variantPresets[3].name', message: '"custom" is reserved for signed variants' },
      { path: 'variantPresets[4].width', message: 'or variantPresets[4].height is required' },
    ]);
  });

  it(`refuses more than ${MAX_WORKSPACE_PRESETS} presets`, () => {
    const many = Array.from({ length: MAX_WORKSPACE_PRESETS + 1 }, (_, i) => ({ name: `p${i}`, width: 10 }));

    expect(checkVariantPresets(many)).toEqual([{ path: 'variantPresets', message: 'must hold at most 20 presets' }]);
  });
});

describe(resolveVariantPreset.name, () => {
  it('answers an unknown preset with a 404 that lists the presets', () => {
    try {
      resolveVariantPreset(buildVariantPresets([{ name: 'hero', width: 100 }]), 'huge');
      throw new Error('expected a VariantPresetNotFoundError');
    } catch (error) {
      expect(error).toBeInstanceOf(VariantPresetNotFoundError);
      expect((error as QuireError).status).toBe(404);
      expect((error as QuireError).extensions).toEqual({
        presets: ['hero', 'large', 'medium', 'small', 'social', 'thumbnail'],
      });
    }
  });
});
