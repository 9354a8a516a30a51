import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { ValidationFailedError } from '@quire/core';

/** The one file part of an upload, as it arrives: nothing of it is buffered here. */
export interface IncomingFile {
  /** The client's file name (busboy already drops path parts); untrusted. */
  fileName: string;
  stream: Readable;
}

export interface MultipartUpload<T> {
  /** Text fields by name (a repeated field gives several values). */
  fields: Map<string, string[]>;
  /** What `onFile` returned for the file part; null when the body had none. */
  file: T | null;
}

/** The file part's name, and the text fields an upload may carry. */
export const FILE_FIELD = 'file';

const LIMITS = { files: 1, fields: 30, parts: 31, fieldSize: 8192, fieldNameSize: 100, headerPairs: 20 };

/**
 * Reads a multipart/form-data body as it streams: text fields are collected (small, limited), the one `file` part
 * is handed to `onFile` as a stream, which must consume it (store it). Resolves once the whole body is read and
 * `onFile` is done. Any failure (a malformed body, a second file, an unknown part, `onFile` rejecting, the client
 * going away) stops reading, waits for `onFile` to settle (so its clean-up has run) and rejects with that error.
 */
export function readMultipart<T>(
  body: Readable,
  contentType: string,
  allowedFields: ReadonlySet<string>,
  onFile: (file: IncomingFile) => Promise<T>,
): Promise<MultipartUpload<T>> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string[]>();
    let fileWork: Promise<T> | null = null;
    let fileStream: Readable | null = null;
    let settled = false;

    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: LIMITS, defParamCharset: 'utf8' });
    } catch {
      reject(malformed('the Content-Type has no multipart boundary'));
      return;
    }

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      body.unpipe(parser);
      parser.removeAllListeners();
      parser.on('error', () => undefined);
      fileStream?.destroy(error instanceof Error ? error : new Error(String(error)));
      const pending = fileWork ?? Promise.resolve();
      pending.then(
        () => reject(error),
        () => reject(error),
      );
    };

    parser.on('field', (name, value, info) => {
      if (!allowedFields.has(name)) return fail(unknownPart(name, allowedFields));
      if (info.valueTruncated) return fail(field(name, `must be at most ${LIMITS.fieldSize} bytes`));
      fields.set(name, [...(fields.get(name) ?? []), value]);
    });
    parser.on('file', (name, stream, info) => {
      if (name !== FILE_FIELD) {
        stream.resume();
        return fail(unknownPart(name, allowedFields));
      }
      fileStream = stream;
      fileWork = onFile({ fileName: info.filename ?? '', stream });
      fileWork.catch(fail);
    });
    parser.on('filesLimit', () => fail(field(FILE_FIELD, 'send exactly one file per upload')));
    parser.on('fieldsLimit', () => fail(field('body', `at most ${LIMITS.fields} fields`)));
    parser.on('partsLimit', () => fail(field('body', `at most ${LIMITS.parts} parts`)));
    parser.on('error', (error: Error) => fail(malformed(error.message)));
    parser.on('close', () => {
      if (settled) return;
      (fileWork ?? Promise.resolve(null)).then((file) => {
        if (settled) return;
        settled = true;
        resolve({ fields, file: file as T | null });
      }, fail);
    });
    body.on('error', (error) => fail(error));
    body.on('close', () => {
      if (!(body as Readable & { complete?: boolean }).complete) fail(new Error('The client closed the upload'));
    });
    body.pipe(parser);
  });
}

function field(path: string, message: string): ValidationFailedError {
  return new ValidationFailedError([{ path, message }]);
}

function malformed(reason: string): ValidationFailedError {
  return new ValidationFailedError(
    [{ path: 'body', message: `is not a valid multipart/form-data body (${reason})` }],
    'The upload is not valid multipart/form-data.',
  );
}

function unknownPart(name: string, allowed: ReadonlySet<string>): ValidationFailedError {
  return field(name, `unknown part "${name}"; an upload takes "${FILE_FIELD}" and ${[...allowed].join(', ')}`);
}
