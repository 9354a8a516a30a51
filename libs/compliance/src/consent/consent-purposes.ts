import { Injectable } from '@nestjs/common';
import { InjectPluginOptions } from '@quire/core';
import type { ComplianceOptions, ConsentPurpose } from '../compliance.options';
import { ConsentPurposeUnknownError } from './consent.errors';

/**
 * The purposes of the `consentPurposes` option, checked once at boot: the options schema checks each key's shape,
 * uniqueness is checked here (JSON Schema cannot say "unique by key"), and a duplicate stops the app.
 */
@Injectable()
export class ConsentPurposes {
  readonly all: readonly ConsentPurpose[];
  private readonly byKey: ReadonlyMap<string, ConsentPurpose>;

  constructor(@InjectPluginOptions('compliance') options: ComplianceOptions) {
    const purposes = options.consentPurposes ?? [];
    const duplicates = duplicateConsentPurposeKeys(purposes);
    if (duplicates.length > 0) {
      throw new Error(
        `Plugin "compliance": option consentPurposes declares ${duplicates.map((k) => `"${k}"`).join(', ')} more ` +
          'than once. Fix: give each purpose a unique key in CompliancePlugin.with({ consentPurposes: [...] }).',
      );
    }
    this.all = purposes;
    this.byKey = new Map(purposes.map((purpose) => [purpose.key, purpose]));
  }

  /** The declared purpose, or a 404 problem naming the key and the declared ones. */
  get(key: string): ConsentPurpose {
    const purpose = this.byKey.get(key);
    if (!purpose) throw new ConsentPurposeUnknownError(key, [...this.byKey.keys()]);
    return purpose;
  }
}

/** Keys that more than one purpose uses, each once, in order of first repetition. */
export function duplicateConsentPurposeKeys(purposes: readonly ConsentPurpose[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { key } of purposes) {
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
  }
  return [...duplicates];
}
