import { QuireError, type FieldProblem } from '@quire/core';

export type MediaErrorCode =
  | 'media.empty-file'
  | 'media.type-mismatch'
  | 'media.type-not-allowed'
  | 'media.unsafe-content'
  | 'media.upload-too-large'
  | 'media.quota-exceeded'
  | 'media.image-too-large'
  | 'media.unreadable-image'
  | 'media.asset-not-found'
  | 'media.file-missing'
  | 'media.bulk-unknown-assets'
  | 'media.bulk-forbidden'
  | 'media.folder-not-found'
  | 'media.folder-name-taken'
  | 'media.folder-cycle'
  | 'media.folder-not-empty'
  | 'media.range-not-satisfiable'
  | 'media.signed-url-expired'
  | 'media.import-url-not-allowed'
  | 'media.import-failed'
  | 'media.import-timeout'
  | 'media.upload-not-found';

/**
 * Refusals of an upload that may be cut off while the client still sends: the answer closes the connection, so that
 * the rest of a large body is not read only to be thrown away.
 */
const CLOSE = { Connection: 'close' };

export class EmptyFileError extends QuireError {
  constructor() {
    super({
      code: 'media.empty-file' satisfies MediaErrorCode,
      status: 400,
      title: 'Empty file',
      detail: 'The uploaded file has no bytes.',
    });
  }
}

/** The bytes are of one format and the file name says another (a PDF named photo.jpg). */
export class TypeMismatchError extends QuireError {
  constructor(fileName: string, detectedType: string, extension: string) {
    super({
      code: 'media.type-mismatch' satisfies MediaErrorCode,
      status: 400,
      title: 'File type does not match its name',
      detail: `"${fileName}" is named .${extension}, but its content is ${detectedType}.`,
      extensions: { detectedType, extension },
    });
  }
}

/** The bytes are of a type the workspace does not accept, or of no type Quire can recognise. */
export class TypeNotAllowedError extends QuireError {
  constructor(detectedType: string | null, allowed: readonly string[]) {
    super({
      code: 'media.type-not-allowed' satisfies MediaErrorCode,
      status: 415,
      title: 'File type not allowed',
      detail:
        detectedType === null
          ? 'The type of the file could not be recognised from its content; only recognisable types are accepted.'
          : `Files of type ${detectedType} are not accepted in this workspace (settings: media.allowedTypes).`,
      extensions: { detectedType, allowed },
    });
  }
}

/**
 * The file is of an allowed type but also carries something a browser could run: markup or script in an image
 * file, a second format (PDF, ZIP) inside it, or active content in an SVG. `reason` says which.
 */
export class UnsafeContentError extends QuireError {
  constructor(reason: string) {
    super({
      code: 'media.unsafe-content' satisfies MediaErrorCode,
      status: 400,
      title: 'Unsafe file content',
      detail: `The file was refused: ${reason}.`,
      extensions: { reason },
    });
  }
}

export class UploadTooLargeError extends QuireError {
  constructor(limitBytes: number) {
    super({
      code: 'media.upload-too-large' satisfies MediaErrorCode,
      status: 413,
      title: 'File too large',
      detail: `An upload may be at most ${limitBytes} bytes.`,
      extensions: { limitBytes },
      headers: CLOSE,
    });
  }
}

export class QuotaExceededError extends QuireError {
  constructor(usedBytes: number, limitBytes: number) {
    super({
      code: 'media.quota-exceeded' satisfies MediaErrorCode,
      status: 413,
      title: 'Storage quota exceeded',
      detail:
        `The workspace uses ${usedBytes} of its ${limitBytes} bytes of media storage; this file does not fit. ` +
        'Delete assets or move to a larger plan.',
      extensions: { usedBytes, limitBytes },
      headers: CLOSE,
    });
  }
}

/** More pixels than the installation accepts: a decompression bomb, or an image no website needs. */
export class ImageTooLargeError extends QuireError {
  constructor(width: number, height: number, maxPixels: number) {
    super({
      code: 'media.image-too-large' satisfies MediaErrorCode,
      status: 400,
      title: 'Image too large',
      detail: `The image is ${width}×${height} pixels; at most ${maxPixels} pixels are accepted.`,
      extensions: { width, height, maxPixels },
    });
  }
}

export class UnreadableImageError extends QuireError {
  constructor(detectedType: string) {
    super({
      code: 'media.unreadable-image' satisfies MediaErrorCode,
      status: 400,
      title: 'Unreadable image',
      detail: `The file starts like ${detectedType} but is not a readable image.`,
      extensions: { detectedType },
    });
  }
}

/** No such asset in this workspace (or one the caller may not read, or a deleted one): one answer for all. */
export class AssetNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'media.asset-not-found' satisfies MediaErrorCode,
      status: 404,
      title: 'Asset not found',
      detail: `No asset ${id} in this workspace.`,
    });
  }
}

/** The asset exists but its stored file does not (storage changed behind Quire's back). */
export class AssetFileMissingError extends QuireError {
  constructor(id: string) {
    super({
      code: 'media.file-missing' satisfies MediaErrorCode,
      status: 404,
      title: 'Asset file missing',
      detail: `The file of asset ${id} is missing from storage.`,
    });
  }
}

/** A bulk operation named assets that are not in this workspace: nothing was done. */
export class BulkUnknownAssetsError extends QuireError {
  constructor(problems: FieldProblem[], ids: string[]) {
    super({
      code: 'media.bulk-unknown-assets' satisfies MediaErrorCode,
      status: 400,
      title: 'Unknown assets',
      detail: `${ids.length} of the assets do not exist in this workspace; nothing was changed.`,
      errors: problems,
      extensions: { ids },
    });
  }
}

/** A bulk operation named assets the caller may not change: nothing was done. */
export class BulkForbiddenError extends QuireError {
  constructor(action: string, ids: string[]) {
    super({
      code: 'media.bulk-forbidden' satisfies MediaErrorCode,
      status: 403,
      title: 'Forbidden',
      detail: `You may not ${action} ${ids.length} of these assets; nothing was changed.`,
      extensions: { action, ids },
    });
  }
}

export class FolderNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'media.folder-not-found' satisfies MediaErrorCode,
      status: 404,
      title: 'Folder not found',
      detail: `No media folder ${id} in this workspace.`,
    });
  }
}

export class FolderNameTakenError extends QuireError {
  constructor(name: string, existingId: string) {
    super({
      code: 'media.folder-name-taken' satisfies MediaErrorCode,
      status: 409,
      title: 'Folder name taken',
      detail: `The parent folder already has a folder named "${name}" (names are unique regardless of case).`,
      extensions: { folderId: existingId },
    });
  }
}

export class FolderCycleError extends QuireError {
  constructor(id: string, parentId: string) {
    super({
      code: 'media.folder-cycle' satisfies MediaErrorCode,
      status: 409,
      title: 'Folder cycle',
      detail: `Folder ${id} cannot move into ${parentId}: that is the folder itself or one of its subfolders.`,
      extensions: { parentId },
    });
  }
}

export class FolderNotEmptyError extends QuireError {
  constructor(id: string, assets: number, folders: number) {
    super({
      code: 'media.folder-not-empty' satisfies MediaErrorCode,
      status: 409,
      title: 'Folder not empty',
      detail:
        `Folder ${id} holds ${assets} assets and ${folders} subfolders; move them out first, or delete with ` +
        '?recursive=true to delete them too.',
      extensions: { assets, folders },
    });
  }
}

export class RangeNotSatisfiableError extends QuireError {
  constructor(size: number) {
    super({
      code: 'media.range-not-satisfiable' satisfies MediaErrorCode,
      status: 416,
      title: 'Range not satisfiable',
      detail: `The requested range is outside the file's ${size} bytes.`,
      headers: { 'Content-Range': `bytes */${size}` },
    });
  }
}

/** A genuine signed URL past its expiry (a forged or altered one is the asset-not-found answer). */
export class SignedUrlExpiredError extends QuireError {
  constructor() {
    super({
      code: 'media.signed-url-expired' satisfies MediaErrorCode,
      status: 403,
      title: 'Signed URL expired',
      detail: 'This signed URL has expired; ask for a new one.',
    });
  }
}

/** A URL import to an address the installation does not reach (private, loopback, link-local; at any redirect). */
export class ImportUrlNotAllowedError extends QuireError {
  constructor(reason: string) {
    super({
      code: 'media.import-url-not-allowed' satisfies MediaErrorCode,
      status: 400,
      title: 'URL not allowed',
      detail: `The URL cannot be imported: ${reason}.`,
      errors: [{ path: 'url', message: reason }],
    });
  }
}

/** The remote server did not give the file: an error status, a name that does not resolve, a broken connection. */
export class ImportFailedError extends QuireError {
  constructor(url: string, reason: string, remoteStatus?: number) {
    super({
      code: 'media.import-failed' satisfies MediaErrorCode,
      status: 502,
      title: 'Import failed',
      detail: `Fetching ${url} failed: ${reason}.`,
      extensions: { url, reason, ...(remoteStatus === undefined ? {} : { remoteStatus }) },
    });
  }
}

/** The remote server did not send the whole file within the outbound time limit (OUTBOUND_TIMEOUT_MS). */
export class ImportTimeoutError extends QuireError {
  constructor(url: string, timeoutMs: number) {
    super({
      code: 'media.import-timeout' satisfies MediaErrorCode,
      status: 504,
      title: 'Import timed out',
      detail: `${url} did not send the whole file within ${timeoutMs} ms.`,
      extensions: { url, timeoutMs },
    });
  }
}

/** No resumable upload of this id that the caller started in this workspace (or it expired, or it completed). */
export class ResumableUploadNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'media.upload-not-found' satisfies MediaErrorCode,
      status: 404,
      title: 'Upload not found',
      detail: `No resumable upload ${id} of yours in this workspace; it may have expired or completed.`,
    });
  }
}
