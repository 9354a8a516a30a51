import type { VariantPresets } from './variant-presets';
import { resolveVariantPreset } from './variant-presets';
import { parseVariantQuery, SIGNATURE_PARAM, VERSION_PARAM, type VariantParams } from './variant-params';
import type { VariantSigner } from './variant-signer';
import { VariantParametersInvalidError, VariantSignatureInvalidError } from './variant.errors';

/** The path segment of signed variants: `…/variants/custom?w=…&s=…` (no preset may take the name). */
export const CUSTOM_VARIANT = 'custom';

/** A variant URL as the route received it: `…/media/{assetId}/variants/{name}?{query}`. */
export interface VariantRequest {
  assetId: string;
  /** The `{name}` path segment: a preset's name, or `custom` for signed parameters. */
  name: string;
  /** The query parameters, as Express parsed them, without the route's own (a private asset's `expires`, `signature`). */
  query: Record<string, unknown>;
}

export interface ResolvedVariantRequest {
  params: VariantParams;
  /** The `v` parameter, if any: compare with the variant's version to choose the cache lifetime. */
  version?: string;
}

const VERSION_SHAPE = /^[0-9a-f]{1,64}$/;

/**
 * What a variant URL asks for, or the 4xx that refuses it: a preset by name (no other parameter than `v`), or
 * under `custom`, explicit parameters with a valid signature `s`. Anything else (unknown or repeated parameters, values out of
 * range, a missing or wrong signature, an unknown preset) is a typed error.
 */
export function resolveVariantRequest(
  request: VariantRequest,
  context: { presets: VariantPresets; signer: VariantSigner },
): ResolvedVariantRequest {
  const version = readVersion(request.query);
  if (request.name !== CUSTOM_VARIANT) {
    const extra = Object.keys(request.query).filter((name) => name !== VERSION_PARAM);
    if (extra.length > 0) {
      throw new VariantParametersInvalidError(
        extra.map((name) => ({ path: name, message: `is not allowed with a preset (allowed: ${VERSION_PARAM})` })),
      );
    }
    return { params: resolveVariantPreset(context.presets, request.name), version };
  }
  const params = parseVariantQuery(request.query, [SIGNATURE_PARAM, VERSION_PARAM]);
  const signature = request.query[SIGNATURE_PARAM];
  if (signature === undefined) throw new VariantSignatureInvalidError('missing');
  if (typeof signature !== 'string' || !context.signer.verify(request.assetId, params, signature)) {
    throw new VariantSignatureInvalidError('mismatch');
  }
  return { params, version };
}

function readVersion(query: Record<string, unknown>): string | undefined {
  const value = query[VERSION_PARAM];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && VERSION_SHAPE.test(value)) return value;
  throw new VariantParametersInvalidError([
    { path: VERSION_PARAM, message: 'must be the hexadecimal version of the variant, given once' },
  ]);
}
