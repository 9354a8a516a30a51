import type { Provider } from '@nestjs/common';
import { imageLimitsProvider } from './image-input';
import { VariantCache } from './variant-cache';
import { variantSignerProvider } from './variant-signer';

/**
 * What the media module registers for variants: `VariantSigner`, `IMAGE_LIMITS` and `VariantCache` (which also
 * needs `MediaStorage`, from `mediaStorageProvider`).
 */
export const variantProviders: Provider[] = [variantSignerProvider, imageLimitsProvider, VariantCache];
