import { Inject, Injectable } from '@nestjs/common';
import { MediaStorage } from '../storage/media-storage';
import { IMAGE_LIMITS, type ImageLimits } from './image-input';
import { transformImage } from './image-transform';
import { describeVariant, type VariantDescriptor, type VariantSource } from './variant-descriptor';
import type { VariantParams } from './variant-params';

/** A variant's source: what `describeVariant` needs, and where the original's bytes are stored. */
export interface StoredVariantSource extends VariantSource {
  key: string;
}

/**
 * Variants are rendered on first request and kept in storage under their deterministic key; every later request
 * (on any instance) finds them there. Within one instance, concurrent first requests for the same variant share
 * one rendering; across instances two renderings may race, harmlessly (the same bytes, each written atomically).
 */
@Injectable()
export class VariantCache {
  private readonly rendering = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: MediaStorage,
    @Inject(IMAGE_LIMITS) private readonly limits: ImageLimits,
  ) {}

  /**
   * The variant's descriptor, once its object exists in storage: serve it with `storage.get(descriptor.key)`,
   * `descriptor.etag`, `descriptor.contentType` and `variantCacheControl(descriptor, version)`. Throws
   * `MediaObjectMissingError` when the original is gone, and the typed image errors for sources it cannot render.
   */
  async ensure(source: StoredVariantSource, params: VariantParams): Promise<VariantDescriptor> {
    const descriptor = describeVariant(source, params);
    if (await this.storage.head(descriptor.key)) return descriptor;
    let pending = this.rendering.get(descriptor.key);
    if (!pending) {
      pending = this.render(source, descriptor).finally(() => this.rendering.delete(descriptor.key));
      this.rendering.set(descriptor.key, pending);
    }
    await pending;
    return descriptor;
  }

  private async render(source: StoredVariantSource, descriptor: VariantDescriptor): Promise<void> {
    const original = await this.storage.get(source.key);
    const rendered = await transformImage(original, descriptor.params, {
      limits: this.limits,
      focalPoint: descriptor.focalPoint,
    });
    await this.storage.put(descriptor.key, rendered.stream, { contentType: descriptor.contentType });
  }
}
