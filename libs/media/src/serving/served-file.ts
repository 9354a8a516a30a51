import type { Readable } from 'node:stream';
import type { MediaAsset } from '../entities/media-asset.entity';
import { contentDisposition } from '../storage/content-disposition';
import { servedInline } from '../upload/media-types';

/** An answer of a file route, before it is written: status, headers, and the body opened only when needed. */
export interface ServedFile {
  status: 200 | 206 | 304;
  headers: Record<string, string>;
  /** Opens the bytes (the whole file or the range); absent for 304. */
  open?: () => Promise<Readable>;
}

/** Served with every file, whatever its type: nothing in it may run as a page of this origin. */
export const FILE_SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
};

/** A year: the bytes behind an asset id never change (a new file is a new asset). */
export const IMMUTABLE_MAX_AGE = 31536000;

/** The headers every answer about this file carries (200, 206 and 304 alike). */
export function fileHeaders(asset: MediaAsset, cacheControl: string): Record<string, string> {
  return {
    ...FILE_SECURITY_HEADERS,
    'Content-Type': asset.mimeType,
    'Content-Disposition': contentDisposition(servedInline(asset.mimeType) ? 'inline' : 'attachment', asset.fileName),
    ETag: entityTag(asset),
    'Last-Modified': asset.createdAt.toUTCString(),
    'Cache-Control': cacheControl,
    'Accept-Ranges': 'bytes',
  };
}

export function entityTag(asset: Pick<MediaAsset, 'checksumSha256'>): string {
  return `"${asset.checksumSha256}"`;
}
