import { Inject, Injectable } from '@nestjs/common';
import { PluginRegistry, QUIRE_CONFIG, type QuireConfig } from '@quire/core';
import type { DataInventory } from './data-inventory';
import { buildDataInventory } from './data-inventory.builder';
import { renderRecordOfProcessing } from './record-of-processing.markdown';

/** The installation's data inventory: built once, since plugins and configuration are fixed while it runs. */
@Injectable()
export class DataInventoryService {
  private readonly inventory: DataInventory;

  constructor(
    @Inject(PluginRegistry) registry: PluginRegistry,
    @Inject(QUIRE_CONFIG) private readonly config: QuireConfig,
  ) {
    this.inventory = buildDataInventory(registry.plugins, config);
  }

  get(): DataInventory {
    return this.inventory;
  }

  /** The record of processing activities, dated now. */
  recordOfProcessing(): string {
    return renderRecordOfProcessing(this.inventory, {
      installationUrl: this.config.PUBLIC_URL,
      generatedAt: new Date(),
    });
  }
}
