import type { FieldProblem } from '@quire/core';
import type { FocalPoint } from './focal-crop';
import { VariantParametersInvalidError } from './variant.errors';

export const VARIANT_FITS = ['cover', 'contain', 'inside'] as const;
export const VARIANT_FORMATS = ['webp', 'avif', 'jpeg', 'png'] as const;
export type VariantFit = (typeof VARIANT_FITS)[number];
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

/** The largest width or height of a variant: larger images are originals, not variants. */
export const MAX_VARIANT_DIMENSION = 4096;

/** Quality when none is asked; PNG is lossless and takes none. */
export const DEFAULT_VARIANT_QUALITY: Record<Exclude<VariantFormat, 'png'>, number> = { webp: 80, avif: 55, jpeg: 80 };

/**
 * One variant, complete: every default applied, so that equal variants have equal parameters (and one cached
 * object, one signature).
 */
export interface VariantParams {
  width?: number;
  height?: number;
  fit: VariantFit;
  format: VariantFormat;
  /** 1-100 for webp, avif and jpeg; absent for png. */
  quality?: number;
  /** Overrides the asset's focal point; only with `fit: cover` and both dimensions. Multiples of 0.001. */
  focalPoint?: FocalPoint;
}

/** Parameters as given (a preset definition, or a parsed query) before defaults and rules. */
export interface VariantParamsInput {
  width?: number;
  height?: number;
  fit?: string;
  format?: string;
  quality?: number;
  focalPoint?: FocalPoint;
}

/** The query parameters of a variant URL, in canonical order, and the signature and version beside them. */
export const VARIANT_QUERY_PARAMS = ['w', 'h', 'fit', 'fm', 'q', 'fx', 'fy'] as const;
export const SIGNATURE_PARAM = 's';
export const VERSION_PARAM = 'v';

type QueryName = (typeof VARIANT_QUERY_PARAMS)[number];
/** How a rule names a parameter: the query's short names, or a preset definition's long ones. */
export type ParamNames = Record<QueryName, string>;
export const QUERY_NAMES: ParamNames = { w: 'w', h: 'h', fit: 'fit', fm: 'fm', q: 'q', fx: 'fx', fy: 'fy' };

/**
 * Applies the defaults (fit cover, format webp, the format's quality) and the rules; returns every broken rule,
 * each naming its parameter as `names` spells it.
 */
export function checkVariantParams(
  input: VariantParamsInput,
  names: ParamNames = QUERY_NAMES,
): { params: VariantParams } | { errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const dimension = (value: number | undefined, name: string) => {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= MAX_VARIANT_DIMENSION)) {
      errors.push({ path: name, message: `must be an integer between 1 and ${MAX_VARIANT_DIMENSION}` });
    }
  };
  dimension(input.width, names.w);
  dimension(input.height, names.h);
  if (input.width === undefined && input.height === undefined) {
    errors.push({ path: `${names.w}`, message: `or ${names.h} is required` });
  }
  const fit = (input.fit ?? 'cover') as VariantFit;
  if (!VARIANT_FITS.includes(fit))
    errors.push({ path: names.fit, message: `must be one of ${VARIANT_FITS.join(', ')}` });
  const format = (input.format ?? 'webp') as VariantFormat;
  if (!VARIANT_FORMATS.includes(format)) {
    errors.push({ path: names.fm, message: `must be one of ${VARIANT_FORMATS.join(', ')}` });
  }
  let quality = input.quality;
  if (format === 'png') {
    if (quality !== undefined) errors.push({ path: names.q, message: 'must be absent with png (PNG is lossless)' });
  } else {
    if (quality !== undefined && !(Number.isInteger(quality) && quality >= 1 && quality <= 100)) {
      errors.push({ path: names.q, message: 'must be an integer between 1 and 100' });
    }
    if (VARIANT_FORMATS.includes(format)) quality ??= DEFAULT_VARIANT_QUALITY[format];
  }
  const focalPoint = input.focalPoint;
  if (focalPoint) {
    for (const [axis, name] of [
      ['x', names.fx],
      ['y', names.fy],
    ] as const) {
      const value = focalPoint[axis];
      if (!(
        Number.isFinite(value) &&
        value >= 0 &&
        value <= 1 &&
        Math.abs(Math.round(value * 1000) - value * 1000) < 1e-6
      )) {
        errors.push({ path: name, message: 'must be a number from 0 to 1 with at most 3 decimals' });
      }
    }
    if (fit !== 'cover' || input.width === undefined || input.height === undefined) {
      errors.push({
        path: names.fx,
        message: `applies only to ${names.fit}=cover with both ${names.w} and ${names.h}`,
      });
    }
  }
  if (errors.length > 0) return { errors };
  return {
    params: {
      ...(input.width !== undefined && { width: input.width }),
      ...(input.height !== undefined && { height: input.height }),
      fit,
      format,
      ...(quality !== undefined && { quality }),
      ...(focalPoint && { focalPoint: { x: thousandths(focalPoint.x), y: thousandths(focalPoint.y) } }),
    },
  };
}

/**
 * Reads a variant's query parameters (`w`, `h`, `fit`, `fm`, `q`, `fx`, `fy`; `s` and `v` are the caller's).
 * Unknown parameters, repeated ones and malformed values are refused, every problem at once.
 */
export function parseVariantQuery(query: Record<string, unknown>, also: readonly string[] = []): VariantParams {
  const errors: FieldProblem[] = [];
  const allowed = [...VARIANT_QUERY_PARAMS, ...also];
  const raw: Partial<Record<QueryName, string>> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.includes(name)) {
      errors.push({ path: name, message: `is not a variant parameter (allowed: ${allowed.join(', ')})` });
    } else if (typeof value !== 'string') {
      errors.push({ path: name, message: 'must be given once' });
    } else if ((VARIANT_QUERY_PARAMS as readonly string[]).includes(name)) {
      raw[name as QueryName] = value;
    }
  }
  const integer = (name: QueryName): number | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (/^[1-9]\d{0,8}$/.test(value)) return Number(value);
    errors.push({ path: name, message: 'must be a positive integer written in digits' });
    return undefined;
  };
  const fraction = (name: QueryName): number | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (/^(0(\.\d{1,3})?|1(\.0{1,3})?)$/.test(value)) return Number(value);
    errors.push({ path: name, message: 'must be a number from 0 to 1 with at most 3 decimals' });
    return undefined;
  };
  const width = integer('w');
  const height = integer('h');
  const quality = integer('q');
  const fx = fraction('fx');
  const fy = fraction('fy');
  if ((raw.fx === undefined) !== (raw.fy === undefined)) {
    errors.push({ path: raw.fx === undefined ? 'fx' : 'fy', message: 'is required with the other focal coordinate' });
  }
  if (errors.length > 0) throw new VariantParametersInvalidError(errors);
  const checked = checkVariantParams({
    width,
    height,
    fit: raw.fit,
    format: raw.fm,
    quality,
    focalPoint: fx !== undefined && fy !== undefined ? { x: fx, y: fy } : undefined,
  });
  if ('errors' in checked) throw new VariantParametersInvalidError(checked.errors);
  return checked.params;
}

/**
 * The one spelling of a parameter set, in a fixed order with every default written out:
 * `w=800&h=600&fit=cover&fm=webp&q=80[&fx=0.25&fy=0.4]`. Signatures and cache keys are made over it.
 */
export function canonicalVariantQuery(params: VariantParams): string {
  const parts: string[] = [];
  if (params.width !== undefined) parts.push(`w=${params.width}`);
  if (params.height !== undefined) parts.push(`h=${params.height}`);
  parts.push(`fit=${params.fit}`, `fm=${params.format}`);
  if (params.quality !== undefined) parts.push(`q=${params.quality}`);
  if (params.focalPoint) parts.push(`fx=${params.focalPoint.x}`, `fy=${params.focalPoint.y}`);
  return parts.join('&');
}

/** 0.1 + 0.2 is not 0.3: coordinates are kept as whole thousandths so that they print and compare exactly. */
export function thousandths(value: number): number {
  return Math.round(value * 1000) / 1000;
}
