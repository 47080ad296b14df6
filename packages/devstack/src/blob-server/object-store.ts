import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

export class InvalidObjectNameError extends Error {
  constructor(
    readonly objectPath: string,
    reason: string,
  ) {
    super(`Invalid object name "${objectPath}": ${reason}`);
    this.name = 'InvalidObjectNameError';
  }
}

export class EntityTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The object is larger than the allowed ${limit} bytes.`);
    this.name = 'EntityTooLargeError';
  }
}

const ObjectMeta = z.object({
  path: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  md5: z.string(),
  updated: z.string(),
});
export type ObjectMeta = z.infer<typeof ObjectMeta>;

/*
 * On-disk layout, browsable by a person: each path segment is a directory named by its
 * URI-encoding, and the object itself is two files in the last directory, `<segment>@data` and
 * `<segment>@meta.json`. Encoded segments never contain "@", so an object `a/b` and an object
 * `a/b/c` cannot collide, and no segment can climb out of the root.
 */
const DATA_SUFFIX = '@data';
const META_SUFFIX = '@meta.json';
const MAX_ENCODED_SEGMENT = 200;

function encodeSegments(objectPath: string, allowEmptyLast: boolean): string[] {
  const segments = objectPath.split('/');
  return segments.map((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === '' && !(last && allowEmptyLast))
      throw new InvalidObjectNameError(objectPath, 'empty path segment');
    if (seg === '.' || seg === '..')
      throw new InvalidObjectNameError(objectPath, `segment "${seg}" is not allowed`);
    const enc = encodeURIComponent(seg);
    if (enc.length > MAX_ENCODED_SEGMENT)
      throw new InvalidObjectNameError(objectPath, 'path segment too long');
    return enc;
  });
}

export interface OpenedObject {
  meta: ObjectMeta;
  handle: FileHandle;
  /** Actual size of the opened file (authoritative for Content-Length). */
  size: number;
}

/**
 * The blob server's objects on local disk. Writes go to a temp file and are renamed into place,
 * so a reader never sees half an object and a refused upload leaves the old object untouched.
 */
export class DiskObjectStore {
  private readonly objectsDir: string;
  private readonly tmpDir: string;

  constructor(root: string) {
    this.objectsDir = join(root, 'objects');
    this.tmpDir = join(root, 'tmp');
  }

  async init(): Promise<void> {
    await mkdir(this.objectsDir, { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
  }

  private files(objectPath: string): { data: string; meta: string } {
    const segs = encodeSegments(objectPath, false);
    const base = join(this.objectsDir, ...segs);
    return { data: base + DATA_SUFFIX, meta: base + META_SUFFIX };
  }

  async stat(objectPath: string): Promise<ObjectMeta | null> {
    const { meta } = this.files(objectPath);
    try {
      return ObjectMeta.parse(JSON.parse(await readFile(meta, 'utf8')));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** Opens an object for reading; the caller closes the handle. Null when absent. */
  async open(objectPath: string): Promise<OpenedObject | null> {
    const meta = await this.stat(objectPath);
    if (!meta) return null;
    try {
      const handle = await open(this.files(objectPath).data, 'r');
      const { size } = await handle.stat();
      return { meta, handle, size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /**
   * Streams a body into the object. Stops reading as soon as more than maxBytes arrived and throws
   * EntityTooLargeError; the previous version of the object (if any) stays.
   */
  async write(
    objectPath: string,
    body: Readable,
    contentType: string,
    maxBytes: number,
  ): Promise<ObjectMeta> {
    const { data, meta } = this.files(objectPath);
    const tmpData = join(this.tmpDir, randomUUID());
    const md5 = createHash('md5');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) {
          done(new EntityTooLargeError(maxBytes));
          return;
        }
        md5.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(tmpData));
      const record: ObjectMeta = {
        path: objectPath,
        contentType,
        size,
        md5: md5.digest('hex'),
        updated: new Date().toISOString(),
      };
      const tmpMeta = `${tmpData}.meta`;
      await writeFile(tmpMeta, JSON.stringify(record, null, 2));
      await mkdir(dirname(data), { recursive: true });
      // Data first, then the sidecar: a concurrent reader sees the old or the new bytes, never a
      // partial file.
      await rename(tmpData, data);
      await rename(tmpMeta, meta);
      return record;
    } finally {
      await rm(tmpData, { force: true });
    }
  }

  /** Every object whose path starts with prefix (which may end mid-segment), with its files on disk. */
  private async entriesUnder(
    prefix: string,
  ): Promise<{ startDir: string; found: Array<{ path: string; meta: string }> }> {
    const segs = encodeSegments(prefix, true);
    const startDir = join(this.objectsDir, ...segs.slice(0, -1));
    let entries: string[];
    try {
      entries = await readdir(startDir, { recursive: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { startDir, found: [] };
      throw err;
    }
    const found: Array<{ path: string; meta: string }> = [];
    for (const entry of entries) {
      if (!entry.endsWith(META_SUFFIX)) continue;
      const full = join(startDir, entry);
      const rel = relative(this.objectsDir, full).split(sep);
      const objectPath = rel
        .map((s, i) => decodeURIComponent(i === rel.length - 1 ? s.slice(0, -META_SUFFIX.length) : s))
        .join('/');
      if (objectPath.startsWith(prefix)) found.push({ path: objectPath, meta: full });
    }
    return { startDir, found };
  }

  /** Paths of the objects under prefix, sorted, as Cloud Storage lists them. */
  async listPrefix(prefix: string): Promise<string[]> {
    return (await this.entriesUnder(prefix)).found.map((f) => f.path).sort();
  }

  /** Deletes every object whose path starts with prefix (which may end mid-segment). */
  async deletePrefix(prefix: string): Promise<number> {
    const { startDir, found } = await this.entriesUnder(prefix);
    const dirs = new Set<string>();
    for (const { meta } of found) {
      await rm(meta, { force: true });
      await rm(meta.slice(0, -META_SUFFIX.length) + DATA_SUFFIX, { force: true });
      for (let d = dirname(meta); d.startsWith(startDir) && d !== this.objectsDir; d = dirname(d))
        dirs.add(d);
    }
    // Remove directories left empty, deepest first, so the tree stays readable.
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
      await rmdir(d).catch(() => undefined);
    }
    return found.length;
  }
}
