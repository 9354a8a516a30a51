import type { Response } from 'express';
import type { DataInventory } from './data-inventory';
import type { DataInventoryFormat } from './dto/data-inventory.query';
import type { DataInventoryService } from './data-inventory.service';

export const MARKDOWN_CONTENT_TYPE = 'text/markdown; charset=utf-8';

/** `?format=` decides; without it, `Accept: text/markdown` asks for the record of processing, anything else JSON. */
export function inventoryFormat(
  format: DataInventoryFormat | undefined,
  accept: string | undefined,
): DataInventoryFormat {
  if (format !== undefined) return format;
  return /(^|,)\s*text\/markdown\b/i.test(accept ?? '') ? 'markdown' : 'json';
}

/** The inventory in the format asked for: JSON, or the Markdown record with its content type set. */
export function respondWithInventory(
  inventory: DataInventoryService,
  format: DataInventoryFormat,
  response: Response,
): DataInventory | string {
  if (format === 'json') return inventory.get();
  response.type(MARKDOWN_CONTENT_TYPE);
  return inventory.recordOfProcessing();
}
