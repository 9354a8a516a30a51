import { CorePlugin, loadConfig, PluginRegistry } from '@quire/core';
import { plugins } from '../../../../apps/api/src/quire.config';
import { CompliancePlugin } from '../compliance.plugin';
import type { ComplianceOptions } from '../compliance.options';
import { complianceOptionsDefaults } from '../compliance.options';
import { ConsentPurposes, duplicateConsentPurposeKeys } from './consent-purposes';

describe(ConsentPurposes.name, () => {
  const options = (consentPurposes: ComplianceOptions['consentPurposes']): ComplianceOptions => ({
    ...complianceOptionsDefaults,
    consentPurposes,
  });

  it('serves the declared purposes by key, and refuses an unknown one naming it', () => {
    const sut = new ConsentPurposes(complianceOptionsDefaults);
    expect(sut.all.map((purpose) => purpose.key)).toEqual(['marketing', 'product-updates', 'usage-analytics']);
    expect(sut.get('marketing').description).toBe('News and offers by email');
    expect(() => sut.get('telepathy')).toThrow(/"telepathy".*declared: marketing, product-updates, usage-analytics/);
  });

  it('stops the boot on a duplicate key, naming it and the fix', () => {
    const twice = options([
      { key: 'marketing', description: 'a' },
      { key: 'newsletter', description: 'b' },
      { key: 'marketing', description: 'c' },
    ]);
    expect(() => new ConsentPurposes(twice)).toThrow(
      /Plugin "compliance": option consentPurposes declares "marketing" more than once\. Fix: /,
    );
  });

  it('finds each repeated key once', () => {
    const keys = ['a', 'b', 'a', 'c', 'a', 'b'].map((key) => ({ key, description: key }));
    expect(duplicateConsentPurposeKeys(keys)).toEqual(['a', 'b']);
    expect(duplicateConsentPurposeKeys([])).toEqual([]);
  });
});

describe('consentPurposes option', () => {
  const withPurposes = (consentPurposes: unknown) => [
    CorePlugin,
    ...plugins(loadConfig({ NODE_ENV: 'test' })).map((plugin) =>
      plugin.definition.name === 'compliance'
        ? CompliancePlugin.with({ consentPurposes } as Partial<ComplianceOptions>)
        : plugin,
    ),
  ];

  it('boots with the defaults and with purposes of its own', () => {
    expect(() =>
      PluginRegistry.resolve(withPurposes([{ key: 'partner-offers', description: 'Offers' }])),
    ).not.toThrow();
  });

  it.each([
    ['a key that is not kebab-case', [{ key: 'Partner Offers', description: 'Offers' }], 'consentPurposes[0].key'],
    ['a purpose without a description', [{ key: 'offers' }], 'consentPurposes[0]'],
    ['an unknown member', [{ key: 'offers', description: 'Offers', legalBasis: 'x' }], 'consentPurposes[0]'],
  ])('refuses to boot on %s, naming the option', (_, purposes, path) => {
    expect(() => PluginRegistry.resolve(withPurposes(purposes))).toThrow(`Plugin "compliance": option "${path}`);
  });
});
