import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { clampByteRange } from './byte-range';
import { ExpectedSize } from './expected-size';
import { MediaObjectMissingError, MediaStorage, type ByteRange, type StoredObjectInfo } from './media-storage';
import { assertStorageKey, assertStoragePrefix, InvalidStorageKeyError } from './storage-key';

export interface LocalDiskMediaStorageOptions {
  /** The folder objects live under (created on first write); relative paths resolve against the working dir. */
  root: string;
}

/** Where writes in progress live: under the root (so the final rename stays on one file system), never a key. */
const INCOMING = '.incoming';

/**
 * Media on the local file system: the default, for one machine. A key is a relative path under the root. Writes
 * go to a temporary file that is synced and then renamed into place, so a reader never sees a partial object and a
 * failed or aborted write leaves nothing under its key.
 */
export class LocalDiskMediaStorage extends MediaStorage {
  readonly driver = 'local';
  private readonly root: string;

  constructor(options: LocalDiskMediaStorageOptions) {
    super();
    this.root = resolve(options.root);
  }

  async put(key: string, body: Readable, options: { contentType: string; size?: number }): Promise<void> {
    const target = this.pathOf(key);
    const incoming = join(this.root, INCOMING);
    await mkdir(incoming, { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    const temporary = join(incoming, `${randomUUID()}.part`);
    // `flush`: the bytes are on disk (fsync) before the rename makes them visible under the key.
    const file = createWriteStream(temporary, { flags: 'wx', mode: 0o640, flush: true });
    try {
      await pipeline(body, new ExpectedSize(options.size), file);
      await rename(temporary, target);
    } catch (error) {
      // A source failing early can reject the pipeline while the file's open is still under way: wait for the
      // stream to close, or the open would create the file again after it was removed.
      if (!file.closed) await once(file, 'close').catch(() => undefined);
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (isMissing(error)) throw new MediaObjectMissingError(key);
      throw error;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new MediaObjectMissingError(key);
      const bounds = range ? clampByteRange(range, info.size) : undefined;
      return handle.createReadStream({ start: bounds?.start, end: bounds?.end, autoClose: true });
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    const path = this.pathOf(key);
    try {
      const info = await stat(path);
      // The file system keeps no content type: the asset's record has it.
      return info.isFile() ? { size: info.size, contentType: null } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (error) {
      // A directory under the key is other objects' folder, not this object.
      if (!isMissing(error) && (error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
    }
  }

  /**
   * Removes every file whose key starts with `prefix`: a prefix ending in `/` is a folder, removed whole;
   * otherwise the entries of the prefix's folder whose names start with its last segment.
   */
  async deletePrefix(prefix: string): Promise<void> {
    assertStoragePrefix(prefix);
    if (prefix.endsWith('/')) {
      await rm(this.pathOf(prefix.slice(0, -1)), { recursive: true, force: true });
      return;
    }
    const slash = prefix.lastIndexOf('/');
    const folder = slash === -1 ? this.root : this.pathOf(prefix.slice(0, slash));
    const namePrefix = prefix.slice(slash + 1);
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const name of names) {
      if (name.startsWith(namePrefix)) await rm(join(folder, name), { recursive: true, force: true });
    }
  }

  /** The API serves local objects itself, behind its own signed URLs. */
  async presignedGetUrl(key: string, _options?: unknown): Promise<string | null> {
    assertStorageKey(key);
    return null;
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    const path = join(this.root, ...key.split('/'));
    // The key rules already exclude this; a second check costs nothing where a mistake would cost the disk.
    if (!path.startsWith(this.root + sep)) throw new InvalidStorageKeyError(key, 'it leaves the storage root');
    return path;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
