import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import { assertByteRange } from './byte-range';
import { contentDisposition } from './content-disposition';
import { ExpectedSize } from './expected-size';
import { MediaObjectMissingError, MediaStorage, type ByteRange, type StoredObjectInfo } from './media-storage';
import { assertStorageKey, assertStoragePrefix } from './storage-key';

export interface S3MediaStorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible service (MinIO, R2, Ceph…); unset: AWS. */
  endpoint?: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key`; most self-hosted services need it. */
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (AWS_* variables, shared config, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Prepended to every key, so that installations can share a bucket (`quire/production/`). */
  keyPrefix?: string;
  /** Bytes per part of a multipart upload (≥ 5 MiB); with `queueSize`, bounds the memory of one upload. */
  partSizeBytes?: number;
  /** Parts uploaded at once. */
  queueSize?: number;
  /** Keys listed (and deleted) per request of `deletePrefix`; at most 1000. */
  listPageSize?: number;
}

const MIB = 1024 * 1024;
/** S3 refuses presigned URLs valid for longer than seven days. */
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

/**
 * Media in S3-compatible object storage. Uploads stream through lib-storage's multipart `Upload`: at most
 * `partSizeBytes × queueSize` of a file is in memory, a single part goes up as one PutObject, and a failed upload
 * aborts its multipart upload, so no object appears under the key.
 */
export class S3MediaStorage extends MediaStorage implements OnModuleDestroy {
  readonly driver = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly keyPrefix: string;
  private readonly partSize: number;
  private readonly queueSize: number;
  private readonly listPageSize: number;

  constructor(options: S3MediaStorageOptions) {
    super();
    if (options.keyPrefix) assertStoragePrefix(options.keyPrefix);
    this.bucket = options.bucket;
    this.keyPrefix = options.keyPrefix ? options.keyPrefix.replace(/\/?$/, '/') : '';
    this.partSize = Math.max(options.partSizeBytes ?? 8 * MIB, 5 * MIB);
    this.queueSize = options.queueSize ?? 2;
    this.listPageSize = Math.min(options.listPageSize ?? 1000, 1000);
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // The SDK's default (a CRC32 on every request, streamed uploads as aws-chunked with a trailer) is not
      // understood by many S3-compatible services; integrity of uploads is checked by the plugin's SHA-256.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    // DeleteObjects must carry a checksum; services other than AWS often accept only Content-MD5 (the SDK's
    // documented fallback: aws-sdk-js-v3 supplemental-docs/MD5_FALLBACK.md).
    this.client.middlewareStack.add(
      (next, context) => async (args) => {
        const request = args.request as { headers?: Record<string, string>; body?: unknown };
        const body = request.body;
        if (
          context.commandName === 'DeleteObjectsCommand' &&
          request.headers &&
          (typeof body === 'string' || body instanceof Uint8Array)
        ) {
          for (const name of Object.keys(request.headers)) {
            if (/^x-amz-(sdk-)?checksum-/i.test(name)) delete request.headers[name];
          }
          request.headers['content-md5'] = createHash('md5').update(body).digest('base64');
        }
        return next(args);
      },
      { step: 'build', name: 'quireDeleteObjectsContentMd5', priority: 'low' },
    );
  }

  async put(key: string, body: Readable, options: { contentType: string; size?: number }): Promise<void> {
    assertStorageKey(key);
    const counted = new ExpectedSize(options.size);
    let sourceError: Error | undefined;
    pipeline(body, counted, (error) => {
      if (error) sourceError = error;
    });
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: this.keyPrefix + key,
        Body: counted,
        ContentType: options.contentType,
        ContentLength: options.size,
      },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      counted.destroy();
      // When the source failed, that is the cause worth reporting, even if aborting the multipart upload failed
      // too (parts left behind are removed by the bucket's AbortIncompleteMultipartUpload lifecycle rule).
      throw sourceError ?? error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    if (range) assertByteRange(range);
    try {
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.keyPrefix + key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      if (!(response.Body instanceof Readable)) throw new Error('The S3 client returned no Node.js stream');
      return response.Body;
    } catch (error) {
      // A missing bucket is a configuration error, not a missing object.
      if (statusOf(error) === 404 && (error as Error).name !== 'NoSuchBucket') throw new MediaObjectMissingError(key);
      if (statusOf(error) === 416) {
        throw new RangeError(`Byte range ${range?.start}-${range?.end} starts past the end`, { cause: error });
      }
      throw error;
    }
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    assertStorageKey(key);
    try {
      const response = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyPrefix + key }),
      );
      return { size: response.ContentLength ?? 0, contentType: response.ContentType ?? null };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyPrefix + key }));
  }

  /** Lists the keys under the prefix a page at a time and deletes each page with one DeleteObjects request. */
  async deletePrefix(prefix: string): Promise<void> {
    assertStoragePrefix(prefix);
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.keyPrefix + prefix,
          MaxKeys: this.listPageSize,
          ContinuationToken: continuationToken,
        }),
      );
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length > 0) {
        const result = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }),
        );
        const failed = result.Errors ?? [];
        if (failed.length > 0) {
          const first = failed[0];
          throw new Error(
            `Could not delete ${failed.length} object(s) under ${prefix}: ${first.Key} (${first.Code}: ${first.Message})`,
          );
        }
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  async presignedGetUrl(
    key: string,
    options: { expiresInSeconds: number; contentType: string; fileName: string; disposition?: 'inline' | 'attachment' },
  ): Promise<string> {
    assertStorageKey(key);
    const { expiresInSeconds } = options;
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_PRESIGN_SECONDS) {
      throw new RangeError(`expiresInSeconds must be an integer between 1 and ${MAX_PRESIGN_SECONDS}`);
    }
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.keyPrefix + key,
      ResponseContentType: options.contentType,
      ResponseContentDisposition: contentDisposition(options.disposition ?? 'attachment', options.fileName),
    });
    return getSignedUrl(this.client, command, { expiresIn: expiresInSeconds });
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}

/** The HTTP status of an S3 service error (duck-typed: another copy of the SDK may have thrown it). */
function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}
