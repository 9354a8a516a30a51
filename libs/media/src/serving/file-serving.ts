import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { MediaAsset } from '../entities/media-asset.entity';
import { AssetFileMissingError, RangeNotSatisfiableError } from '../media.errors';
import { MediaObjectMissingError, MediaStorage, type ByteRange } from '../storage/media-storage';
import { matchesEntityTag, parseByteRange } from './byte-range';
import { fileHeaders, type ServedFile } from './served-file';

/** The request headers that shape a file answer. */
export interface FileConditions {
  range?: string;
  ifRange?: string;
  ifNoneMatch?: string;
}

/**
 * The answer for an asset's original: 304 when the client's copy is current (ETag = SHA-256), 206 for one byte
 * range (unless `If-Range` names another version), 416 for a range past the end, else 200. The bytes are opened
 * only when the answer is written (never for HEAD or 304).
 */
@Injectable()
export class FileServing {
  constructor(private readonly storage: MediaStorage) {}

  answer(asset: MediaAsset, conditions: FileConditions, cacheControl: string): ServedFile {
    const headers = fileHeaders(asset, cacheControl);
    if (matchesEntityTag(conditions.ifNoneMatch, headers.ETag)) {
      const { 'Content-Type': _type, 'Content-Disposition': _disposition, ...kept } = headers;
      return { status: 304, headers: kept };
    }
    const size = asset.sizeBytes;
    const rangeApplies = conditions.ifRange === undefined || conditions.ifRange.trim() === headers.ETag;
    const range = rangeApplies ? parseByteRange(conditions.range, size) : null;
    if (range === 'unsatisfiable') throw new RangeNotSatisfiableError(size);
    if (range === null) {
      return {
        status: 200,
        headers: { ...headers, 'Content-Length': String(size) },
        open: () => this.open(asset),
      };
    }
    return {
      status: 206,
      headers: {
        ...headers,
        'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
        'Content-Length': String(range.end - range.start + 1),
      },
      open: () => this.open(asset, range),
    };
  }

  private async open(asset: MediaAsset, range?: ByteRange): Promise<Readable> {
    try {
      return await this.storage.get(asset.storageKey, range);
    } catch (error) {
      if (error instanceof MediaObjectMissingError) throw new AssetFileMissingError(asset.id);
      throw error;
    }
  }
}
