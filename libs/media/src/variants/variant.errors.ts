import { QuireError, type FieldProblem } from '@quire/core';

/** A variant asked with parameters outside the rules; `errors` names each parameter and its rule. */
export class VariantParametersInvalidError extends QuireError {
  constructor(errors: FieldProblem[]) {
    super({
      code: 'media.variant-parameters-invalid',
      status: 400,
      title: 'Invalid variant parameters',
      detail: `The variant parameters break ${errors.length === 1 ? 'a rule' : `${errors.length} rules`}: ${errors
        .map((error) => `${error.path} ${error.message}`)
        .join('; ')}.`,
      errors,
    });
  }
}

/** Arbitrary parameters without a valid signature: only the API signs parameter sets (presets need none). */
export class VariantSignatureInvalidError extends QuireError {
  constructor(reason: 'missing' | 'mismatch') {
    super({
      code: 'media.variant-signature-invalid',
      status: 403,
      title: 'Invalid variant signature',
      detail:
        reason === 'missing'
          ? 'Variant parameters other than a preset need the signature `s` issued by the API.'
          : 'The signature `s` does not match these parameters and this asset.',
    });
  }
}

/** No preset of that name, neither the installation's nor the workspace's. */
export class VariantPresetNotFoundError extends QuireError {
  constructor(name: string, available: string[]) {
    super({
      code: 'media.variant-preset-not-found',
      status: 404,
      title: 'Variant preset not found',
      detail: `There is no variant preset "${name}". Presets: ${available.join(', ')}.`,
      extensions: { presets: available },
    });
  }
}

/**
 * The image file is larger than what Quire reads into memory to process it (64 MiB): an image with metadata to
 * strip on upload, or the source of a variant. Pixel counts are checked with `ImageTooLargeError`.
 */
export class ImageFileTooLargeError extends QuireError {
  constructor(maxBytes: number) {
    super({
      code: 'media.image-file-too-large',
      status: 400,
      title: 'Image file too large to process',
      detail: `The image file is larger than the ${maxBytes} bytes Quire processes.`,
      extensions: { maxBytes },
    });
  }
}

/** Variants are raster images made of raster images: not of SVG, PDF, HEIC, video or other files. */
export class VariantSourceUnsupportedError extends QuireError {
  constructor(type: string) {
    super({
      code: 'media.variant-source-unsupported',
      status: 400,
      title: 'No variants of this file',
      detail: `Variants are made of JPEG, PNG, WebP, AVIF, GIF and TIFF images, not of ${type}.`,
      extensions: { type },
    });
  }
}
