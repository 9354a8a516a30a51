import { pipeline } from 'node:stream/promises';
import type { Readable, Transform } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import {
  EventBus,
  ForbiddenActionError,
  InjectPluginOptions,
  TenantDataSource,
  uuidv7,
  ValidationFailedError,
  type RequestContext,
} from '@quire/core';
import { WorkspaceSettings } from '@quire/workspaces';
import { QueryFailedError } from 'typeorm';
import { actorUserId, assetSubject } from '../assets/asset-access';
import { AssetFiles, originalKey } from '../assets/asset-files';
import { AssetStore } from '../assets/asset-store';
import { toAssetResponse, type UploadedAssetResponse } from '../assets/dto/asset.response';
import type { MediaAsset } from '../entities/media-asset.entity';
import { FolderService } from '../folders/folder.service';
import { MEDIA_PLUGIN } from '../media-plugin-name';
import { ImageTooLargeError, QuotaExceededError, UnreadableImageError, UploadTooLargeError } from '../media.errors';
import type { MediaOptions } from '../media.options';
import { ASSET_SUBJECT } from '../media.permissions';
import { MEDIA_SETTINGS, type MediaSettings } from '../media.settings';
import { MediaUrls } from '../serving/media-urls';
import { MediaStorage } from '../storage/media-storage';
import { MediaUsage, type UsageFigures } from '../usage/media-usage';
import { IMAGE_LIMITS, type ImageLimits } from '../variants/image-input';
import { ImageMetadataStripper } from '../variants/image-metadata';
import { HEAD_BYTES, inspectHead } from './content-inspection';
import { ContentScanner } from './content-scanner';
import { UPLOAD_TEXT_FIELDS, type UploadFieldsDto } from './dto/upload-fields.dto';
import { hasDuration, probeDuration } from './duration-probe';
import { FULL_PROBE_MAX_BYTES, isProbedImage, isStrippable, probeImage, type ImageFacts } from './image-probe';
import type { DetectedType } from './media-types';
import { readMultipart, type IncomingFile } from './multipart-reader';
import { readHead } from './read-head';
import { readUploadFields } from './upload-fields';
import { StoredBytesMeter, UploadLimiter } from './upload-meters';

/** What the controller hands over of the HTTP request: its body stream and two headers, nothing of Express. */
export interface UploadSource {
  contentType: string;
  /** The Content-Length header, when the client sent one. */
  contentLength: number | undefined;
  body: Readable;
}

/**
 * The multipart envelope around the file (boundaries, part headers, the text parts) may add this much to the file's
 * own size before a Content-Length alone proves the file too large.
 */
const MULTIPART_ALLOWANCE = 1024 * 1024;

/** A file written to storage and checked, not yet an asset. */
interface StoredFile {
  type: DetectedType;
  fileName: string;
  size: number;
  sha256: string;
  image: ImageFacts | null;
  durationMs: number | null;
}

const CHECKSUM_INDEX = 'media_assets_checksum';

/**
 * Uploads of one file per request, streamed from the socket to storage, never held whole in memory:
 *
 * 1. before reading anything: the quota is not already used up, the Content-Length is not past the limit (413);
 * 2. the first bytes (HEAD_BYTES) decide the type (file-type, never the name or the client's header), which must
 *    be allowed and named by the file's extension, without HTML or a PDF header in its first kilobyte; an image's
 *    header gives its size in pixels (a decompression bomb is refused before anything decodes it);
 * 3. the bytes stream to storage under the new asset's key through a limiter (upload limit, remaining quota: 413
 *    the moment either is passed), the polyglot scanner, and a meter (SHA-256, size);
 * 4. the row is written in a transaction that holds the workspace's quota lock: the same file already in the
 *    workspace (same SHA-256) answers that asset (200, `duplicate: true`) and the new copy is discarded; past the
 *    quota is a 413;
 * 5. audio and video get their duration from the stored file's headers (music-metadata, bounded: duration-probe).
 *
 * Whatever refuses the upload, at whatever step, removes what was written: nothing is left in storage or the
 * database.
 */
@Injectable()
export class UploadService {
  constructor(
    private readonly db: TenantDataSource,
    private readonly storage: MediaStorage,
    private readonly store: AssetStore,
    private readonly files: AssetFiles,
    private readonly folders: FolderService,
    private readonly usage: MediaUsage,
    private readonly settings: WorkspaceSettings,
    private readonly events: EventBus,
    private readonly urls: MediaUrls,
    @InjectPluginOptions(MEDIA_PLUGIN) private readonly options: MediaOptions,
    @Inject(IMAGE_LIMITS) private readonly imageLimits: ImageLimits,
  ) {}

  async upload(ctx: RequestContext, source: UploadSource): Promise<{ asset: UploadedAssetResponse; created: boolean }> {
    // The file is at least the body less the envelope: past the limit even so, it is refused before reading.
    const fileAtLeast = source.contentLength === undefined ? undefined : source.contentLength - MULTIPART_ALLOWANCE;
    return this.ingest(ctx, fileAtLeast, async (store) => {
      const upload = await readMultipart(source.body, source.contentType, UPLOAD_TEXT_FIELDS, store);
      if (!upload.file) {
        throw new ValidationFailedError([{ path: 'file', message: 'an upload needs one file part named "file"' }]);
      }
      return { stored: upload.file, fields: readUploadFields(upload.fields) };
    });
  }

  /**
   * A file that arrives whole as one stream, not in a multipart body (a URL import, a completed resumable upload):
   * the same checks and storing as `upload`. `declaredSize` (when known) is checked against the limit first.
   */
  async uploadStream(
    ctx: RequestContext,
    file: IncomingFile,
    fields: UploadFieldsDto,
    declaredSize?: number,
  ): Promise<{ asset: UploadedAssetResponse; created: boolean }> {
    return this.ingest(ctx, declaredSize, async (store) => ({ stored: await store(file), fields }));
  }

  /**
   * The limits checkable before reading anything, for a file of `declaredSize` bytes when known (a resumable
   * upload's Upload-Length, a URL's Content-Length): within the upload limit, and fitting the quota as it is now
   * (checked again as the bytes arrive and under the lock).
   */
  async assertRoomFor(ctx: RequestContext, declaredSize: number | undefined): Promise<void> {
    const quota = await this.usage.of(ctx);
    this.assertRoom(quota, declaredSize);
    if (declaredSize !== undefined && quota.usedBytes + declaredSize > quota.limitBytes) {
      throw new QuotaExceededError(quota.usedBytes, quota.limitBytes);
    }
  }

  private assertRoom(quota: UsageFigures, declaredSize: number | undefined): void {
    if (quota.usedBytes >= quota.limitBytes) throw new QuotaExceededError(quota.usedBytes, quota.limitBytes);
    if (declaredSize !== undefined && declaredSize > this.options.maxUploadBytes) {
      throw new UploadTooLargeError(this.options.maxUploadBytes);
    }
  }

  /**
   * The pipeline every way of uploading goes through: `receive` reads the request and hands the file to `store`
   * (at most once); then the row is written. Whatever fails removes what was stored.
   */
  private async ingest(
    ctx: RequestContext,
    declaredSize: number | undefined,
    receive: (
      store: (file: IncomingFile) => Promise<StoredFile>,
    ) => Promise<{ stored: StoredFile; fields: UploadFieldsDto }>,
  ): Promise<{ asset: UploadedAssetResponse; created: boolean }> {
    const [settings, quota] = await Promise.all([
      this.settings.of<MediaSettings>(ctx, MEDIA_SETTINGS),
      this.usage.of(ctx),
    ]);
    this.assertRoom(quota, declaredSize);
    const assetId = uuidv7();
    const key = originalKey(ctx.workspaceId, assetId);
    let written = false;
    let checksum: string | null = null;
    try {
      const { stored, fields } = await receive((file) => {
        written = true;
        return this.storeFile(file, key, settings, quota);
      });
      checksum = stored.sha256;
      const row: Partial<MediaAsset> = {
        id: assetId,
        storageDriver: this.storage.driver,
        storageKey: key,
        fileName: stored.fileName,
        title: fields.title ?? null,
        altText: fields.altText ?? null,
        caption: fields.caption ?? null,
        mimeType: stored.type.mime,
        kind: stored.type.kind,
        sizeBytes: stored.size,
        width: stored.image?.width ?? null,
        height: stored.image?.height ?? null,
        durationMs: stored.durationMs,
        checksumSha256: stored.sha256,
        focalX: null,
        focalY: null,
        folderId: fields.folderId ?? null,
        tags: fields.tags ?? [],
        visibility: fields.visibility ?? settings.defaultVisibility,
        // What the stored file still holds: metadata is stripped unless the workspace keeps it (storeFile).
        exifKept: stored.image?.hasMetadata ?? false,
        uploadedBy: actorUserId(ctx),
      };
      if (!ctx.ability.can('create', assetSubject(row as MediaAsset))) {
        throw new ForbiddenActionError('create', ASSET_SUBJECT);
      }
      const result = await this.record(ctx, row);
      if (!result.created) await this.files.discard(key);
      return result;
    } catch (error) {
      if (written) await this.files.discard(key);
      if (checksum !== null && isChecksumConflict(error)) return this.duplicateAfterRace(ctx, checksum, error);
      throw error;
    }
  }

  /** Streams the file part to storage under `key`, checking it on the way; see the class comment. */
  private async storeFile(
    file: IncomingFile,
    key: string,
    settings: MediaSettings,
    quota: UsageFigures,
  ): Promise<StoredFile> {
    const { head, ended, replay } = await readHead(file.stream, HEAD_BYTES);
    const { type, fileName } = await inspectHead(head, file.fileName, settings.allowedTypes);
    let image = isProbedImage(type.mime) ? await probeImage(head) : null;
    if (isProbedImage(type.mime) && image === null && ended) throw new UnreadableImageError(type.mime);
    if (image) this.assertPixels(image);

    const limiter = new UploadLimiter(this.options.maxUploadBytes, quota);
    const scanner = new ContentScanner(type);
    const meter = new StoredBytesMeter();
    // EXIF, XMP, IPTC (GPS location, camera serial, names) are personal data: removed before the bytes are stored,
    // unless the workspace keeps them, so that the checksum and size are those of what is stored.
    const stripper =
      isStrippable(type.mime) && !settings.keepImageMetadata
        ? new ImageMetadataStripper({ keepMetadata: false, limits: this.imageLimits })
        : null;
    const stages: Transform[] = stripper ? [limiter, scanner, stripper, meter] : [limiter, scanner, meter];
    const piped = pipeline([replay, ...stages]);
    const [put, pipe] = await Promise.allSettled([this.storage.put(key, meter, { contentType: type.mime }), piped]);
    // The pipeline's error is the reason (limit, quota, unsafe content); the driver's is only its consequence.
    if (pipe.status === 'rejected') throw pipe.reason;
    if (put.status === 'rejected') throw put.reason;

    if (stripper?.facts) {
      const { width, height, hadMetadata, stripped } = stripper.facts;
      image = { width, height, pixels: image?.pixels ?? width * height, hasMetadata: hadMetadata && !stripped };
    }
    if (isProbedImage(type.mime) && image === null) {
      // The header lay beyond the first bytes (a TIFF's directory at its end): read the stored file, when not huge.
      if (meter.bytes > FULL_PROBE_MAX_BYTES) throw new UnreadableImageError(type.mime);
      image = await probeImage(await this.storage.get(key));
      if (image === null) throw new UnreadableImageError(type.mime);
      this.assertPixels(image);
    }
    const durationMs = hasDuration(type.kind) ? await probeDuration(await this.storage.get(key), type.mime) : null;
    return { type, fileName, size: meter.bytes, sha256: meter.sha256, image, durationMs };
  }

  private assertPixels(image: ImageFacts): void {
    if (image.pixels > this.options.maxImagePixels) {
      throw new ImageTooLargeError(image.width, image.height, this.options.maxImagePixels);
    }
  }

  /** The row, or the asset that already has these bytes; the quota checked under the workspace's lock. */
  private async record(
    ctx: RequestContext,
    row: Partial<MediaAsset>,
  ): Promise<{ asset: UploadedAssetResponse; created: boolean }> {
    return this.db.transaction(ctx, async (tx) => {
      await this.usage.lock(tx);
      const existing = await this.store.findByChecksum(tx, row.checksumSha256 as string);
      if (existing) return { asset: { ...toAssetResponse(existing, this.urls), duplicate: true }, created: false };
      if (row.folderId) await this.folders.existingParent(tx, row.folderId, 'folderId');
      const usage = await this.usage.of(tx);
      if (usage.usedBytes + (row.sizeBytes as number) > usage.limitBytes) {
        throw new QuotaExceededError(usage.usedBytes, usage.limitBytes);
      }
      const asset = await this.store.insert(tx, row);
      await this.events.publish(tx, 'media.asset.uploaded', {
        assetId: asset.id,
        mimeType: asset.mimeType,
        kind: asset.kind,
        size: asset.sizeBytes,
        folderId: asset.folderId,
        visibility: asset.visibility,
      });
      return { asset: { ...toAssetResponse(asset, this.urls), duplicate: false }, created: true };
    });
  }

  /** Two uploads of the same new file raced and the other committed first: answer its asset. */
  private async duplicateAfterRace(
    ctx: RequestContext,
    checksum: string,
    error: unknown,
  ): Promise<{ asset: UploadedAssetResponse; created: boolean }> {
    const existing = await this.store.findByChecksum(ctx, checksum);
    if (!existing) throw error;
    return { asset: { ...toAssetResponse(existing, this.urls), duplicate: true }, created: false };
  }
}

function isChecksumConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === CHECKSUM_INDEX;
}
