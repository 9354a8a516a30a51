import { Inject, Injectable } from '@nestjs/common';
import {
  InjectPluginOptions,
  OutboundHttp,
  OutboundRequestError,
  QUIRE_CONFIG,
  type QuireConfig,
  type RequestContext,
} from '@quire/core';
import type { UploadedAssetResponse } from '../assets/dto/asset.response';
import { MEDIA_PLUGIN } from '../media-plugin-name';
import { ImportFailedError, ImportTimeoutError, ImportUrlNotAllowedError, UploadTooLargeError } from '../media.errors';
import type { MediaOptions } from '../media.options';
import { UploadService } from '../upload/upload.service';
import type { ImportUrlDto } from './dto/import-url.dto';
import { fileNameFromUrl } from './url-file-name';

/** Name given to an imported file when neither the request nor the URL has one; the detected extension is added. */
const UNNAMED = 'import';

/**
 * Imports the file at a URL: fetched with the kernel's OutboundHttp (the webhooks' SSRF rules: every hop's address
 * checked when connecting, one deadline, the upload limit as the size cap) and streamed into the same pipeline as a
 * multipart upload — detection, allow-list, polyglot checks, EXIF stripping, dedupe, quota, nothing kept on refusal.
 */
@Injectable()
export class UrlImportService {
  constructor(
    private readonly http: OutboundHttp,
    private readonly uploads: UploadService,
    @InjectPluginOptions(MEDIA_PLUGIN) private readonly options: MediaOptions,
    @Inject(QUIRE_CONFIG) private readonly config: Pick<QuireConfig, 'OUTBOUND_TIMEOUT_MS'>,
  ) {}

  async import(ctx: RequestContext, dto: ImportUrlDto): Promise<{ asset: UploadedAssetResponse; created: boolean }> {
    const { url, fileName, ...fields } = dto;
    // A full workspace is told so before anything is fetched.
    await this.uploads.assertRoomFor(ctx, undefined);
    let remote;
    try {
      remote = await this.http.stream(url, {
        headers: { accept: '*/*' },
        maxResponseBytes: this.options.maxUploadBytes,
      });
    } catch (error) {
      throw this.refusal(error, url);
    }
    try {
      if (remote.status < 200 || remote.status > 299) {
        throw new ImportFailedError(remote.url, `the server answered ${remote.status}`, remote.status);
      }
      const declared = Number(remote.headers['content-length']);
      return await this.uploads.uploadStream(
        ctx,
        { fileName: fileName ?? (fileNameFromUrl(remote.url) || UNNAMED), stream: remote.body },
        fields,
        Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined,
      );
    } catch (error) {
      throw this.refusal(error, remote.url);
    } finally {
      remote.body.destroy();
    }
  }

  /** The problem for an outbound failure; other errors (the upload pipeline's) pass unchanged. */
  private refusal(error: unknown, url: string): unknown {
    if (!(error instanceof OutboundRequestError)) return error;
    const where = error.url ?? url;
    switch (error.kind) {
      case 'invalid-url':
      case 'address-refused':
        return new ImportUrlNotAllowedError(error.message);
      case 'response-too-large':
        return new UploadTooLargeError(this.options.maxUploadBytes);
      case 'timeout':
        return new ImportTimeoutError(where, this.config.OUTBOUND_TIMEOUT_MS);
      default:
        return new ImportFailedError(where, error.message, error.status);
    }
  }
}
