import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import {
  InjectPluginOptions,
  isUuid,
  QUIRE_CONFIG,
  QuireError,
  uuidv7,
  type QuireConfig,
  type RequestContext,
} from '@quire/core';
import { FileStore } from '@tus/file-store';
import { Server, type ServerOptions } from '@tus/server';
import type { Upload } from '@tus/utils';
import { MEDIA_PLUGIN } from '../media-plugin-name';
import { ResumableUploadNotFoundError } from '../media.errors';
import type { MediaOptions } from '../media.options';
import { readUploadFields } from '../upload/upload-fields';
import { UploadService } from '../upload/upload.service';

/** A partial upload not completed within this long is removed (tus Upload-Expires; the cleanup job). */
export const RESUMABLE_UPLOAD_EXPIRY_MS = 24 * 60 * 60 * 1000;
/** Header of the final PATCH's answer that names the asset the completed upload became. */
export const ASSET_ID_HEADER = 'Quire-Asset-Id';
/** Upload-Metadata keys a client may send; `filename` is the file's name, the rest as in a multipart upload. */
const CLIENT_METADATA = new Set(['filename', 'title', 'altText', 'caption', 'tags', 'folderId', 'visibility']);
/** Metadata Quire sets itself (a client's values are replaced): whose upload it is. */
const OWNER_WORKSPACE = 'quire-workspace';
const OWNER_ACTOR = 'quire-actor';

type TusRequest = Parameters<NonNullable<ServerOptions['onUploadCreate']>>[0];

/**
 * Resumable uploads with the tus protocol (@tus/server): partial uploads live on local disk under
 * QUIRE_DATA_DIR/media-uploads whatever the media driver, each owned by the workspace and actor that created it
 * (anyone else gets the same 404 as for no upload). Upload-Length is required and checked against the upload limit
 * and the quota at creation; tus stops a PATCH past the length. Once the last byte is in, the file goes through the
 * multipart upload's pipeline (UploadService.uploadStream) and the partial upload is removed, whatever the outcome.
 */
@Injectable()
export class ResumableUploads {
  readonly store: FileStore;
  private readonly server: Server;
  /** The request context of each request being handled, for tus's hooks (which see only the request). */
  private readonly contexts = new WeakMap<IncomingMessage, RequestContext>();

  constructor(
    private readonly uploads: UploadService,
    @InjectPluginOptions(MEDIA_PLUGIN) private readonly options: MediaOptions,
    @Inject(QUIRE_CONFIG) config: Pick<QuireConfig, 'QUIRE_DATA_DIR'>,
  ) {
    this.store = new FileStore({
      directory: join(config.QUIRE_DATA_DIR, 'media-uploads'),
      expirationPeriodInMilliseconds: RESUMABLE_UPLOAD_EXPIRY_MS,
    });
    this.server = new Server({
      path: '/api/v1/workspaces/:workspace/media-uploads',
      datastore: this.store,
      maxSize: options.maxUploadBytes,
      relativeLocation: true,
      respectForwardedHeaders: false,
      disableTerminationForFinishedUploads: true,
      exposedHeaders: [ASSET_ID_HEADER],
      namingFunction: () => uuidv7(),
      // The upload's URL is under the workspace reference the client used (slug or id).
      generateUrl: (req, { id }) => `${new URL(req.url).pathname.replace(/\/+$/, '')}/${id}`,
      getFileIdFromRequest: (_req, lastPath) => lastPath,
      onUploadCreate: (req, upload) => this.guard(() => this.created(req, upload)),
      onUploadFinish: (req, upload) => this.guard(() => this.finished(req, upload)),
    });
  }

  /** Hands a tus request (after the route's guard) to the tus server; HEAD, PATCH and DELETE only on one's own. */
  async handle(ctx: RequestContext, request: IncomingMessage, response: ServerResponse, id?: string): Promise<void> {
    if (id !== undefined) await this.assertOwn(ctx, id);
    this.contexts.set(request, ctx);
    await this.server.handle(request, response);
  }

  /** Removes partial uploads past their expiry; how many. */
  removeExpired(): Promise<number> {
    return this.store.deleteExpired();
  }

  private async assertOwn(ctx: RequestContext, id: string): Promise<void> {
    // The id names a file in the upload folder: only ids Quire made (UUIDv7) ever reach the store.
    if (!isUuid(id)) throw new ResumableUploadNotFoundError(id);
    const upload = await this.store.getUpload(id).catch(() => null);
    if (
      !upload ||
      upload.metadata?.[OWNER_WORKSPACE] !== ctx.workspaceId ||
      upload.metadata?.[OWNER_ACTOR] !== actorKey(ctx)
    ) {
      throw new ResumableUploadNotFoundError(id);
    }
  }

  private contextOf(req: TusRequest): RequestContext {
    const node = (req as TusRequest & { runtime?: { node?: { req: IncomingMessage } } }).runtime?.node?.req;
    const ctx = node ? this.contexts.get(node) : undefined;
    if (!ctx) throw new Error('ResumableUploads: a tus request reached a hook without its request context');
    return ctx;
  }

  /** Creation: the length is known and fits, the fields are valid; the owner is recorded in the metadata. */
  private async created(req: TusRequest, upload: Upload): Promise<{ metadata: Record<string, string | null> }> {
    const ctx = this.contextOf(req);
    if (upload.size === undefined) {
      throw tusProblem(
        400,
        'core.validation-failed',
        'Upload-Length required',
        'Send Upload-Length; deferred lengths are not accepted.',
      );
    }
    await this.uploads.assertRoomFor(ctx, upload.size);
    const metadata = upload.metadata ?? {};
    const unknown = Object.keys(metadata).filter((key) => !CLIENT_METADATA.has(key));
    if (unknown.length > 0) {
      throw tusProblem(
        400,
        'core.validation-failed',
        'Unknown metadata',
        `Upload-Metadata keys not accepted: ${unknown.join(', ')}; accepted: ${[...CLIENT_METADATA].join(', ')}.`,
      );
    }
    readUploadFields(fieldsOf(metadata));
    return { metadata: { ...metadata, [OWNER_WORKSPACE]: ctx.workspaceId, [OWNER_ACTOR]: actorKey(ctx) } };
  }

  /** The last byte is in: the file goes through the upload pipeline; the partial upload goes, whatever the outcome. */
  private async finished(req: TusRequest, upload: Upload): Promise<{ headers: Record<string, string> }> {
    const ctx = this.contextOf(req);
    const metadata = upload.metadata ?? {};
    try {
      const { asset } = await this.uploads.uploadStream(
        ctx,
        { fileName: metadata.filename ?? '', stream: createReadStream(join(this.store.directory, upload.id)) },
        readUploadFields(fieldsOf(metadata)),
        upload.size,
      );
      return { headers: { [ASSET_ID_HEADER]: asset.id } };
    } finally {
      await this.store.remove(upload.id).catch(() => undefined);
    }
  }

  /** tus answers what a hook throws as `{ status_code, body }`: Quire's problems become that, as JSON. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof QuireError) {
        throw tusProblem(error.status, error.code, error.title, error.detail, {
          ...(error.extensions ?? {}),
          ...(error.errors ? { errors: error.errors } : {}),
        });
      }
      throw error;
    }
  }
}

function actorKey(ctx: RequestContext): string {
  return `${ctx.actor.type}:${ctx.actor.id ?? ''}`;
}

/** Upload-Metadata as the multipart text fields readUploadFields takes (without the file name). */
function fieldsOf(metadata: Record<string, string | null>): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [key, value] of Object.entries(metadata)) {
    if (key !== 'filename' && CLIENT_METADATA.has(key)) fields.set(key, [value ?? '']);
  }
  return fields;
}

/** A problem document in tus's error shape (tus writes the body as given; the client parses it as JSON). */
function tusProblem(
  status: number,
  code: string,
  title: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): { status_code: number; body: string } {
  return {
    status_code: status,
    body: JSON.stringify({ type: `urn:quire:problem:${code}`, title, status, detail, ...extensions }),
  };
}
