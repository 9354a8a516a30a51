import { Injectable, Logger } from '@nestjs/common';
import { MediaStorage } from '../storage/media-storage';
import { variantKeyPrefix } from '../variants/variant-descriptor';

/** Where an upload's original is stored: per workspace, named by the asset id (never by anything from the client). */
export function originalKey(workspaceId: string, assetId: string): string {
  return `originals/${workspaceId}/${assetId}`;
}

/**
 * Removes the stored bytes of assets whose rows are gone (after the deleting transaction committed): the original
 * and every variant. A failure is logged, not thrown: the asset no longer exists for the API (its URLs answer 404),
 * and what storage still holds is an orphan for the operator's sweep.
 */
@Injectable()
export class AssetFiles {
  private readonly logger = new Logger(AssetFiles.name);

  constructor(private readonly storage: MediaStorage) {}

  async remove(assets: ReadonlyArray<{ id: string; storageKey: string }>): Promise<void> {
    for (const asset of assets) {
      await this.quietly(`original of asset ${asset.id}`, () => this.storage.delete(asset.storageKey));
      await this.quietly(`variants of asset ${asset.id}`, () => this.storage.deletePrefix(variantKeyPrefix(asset.id)));
    }
  }

  /** Removes an object written for an upload that was then refused. */
  async discard(key: string): Promise<void> {
    await this.quietly(`refused upload ${key}`, () => this.storage.delete(key));
  }

  private async quietly(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`Could not remove the ${what} from storage`, error as Error);
    }
  }
}
