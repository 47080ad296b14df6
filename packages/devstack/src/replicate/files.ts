import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { sendText } from '../http/respond.js';

interface FileEntry {
  contentType: string;
  /** Epoch ms after which the file is gone; null for files that stay (trained weights). */
  expiresAt: number | null;
  onExpire?: () => void;
}

const SAFE_NAME = /^[a-z0-9][a-z0-9._-]{0,100}$/i;

/**
 * Files the stand-in serves at `/files/<job id>/<name>`, like replicate.delivery: prediction
 * outputs vanish after their time to live (an hour on Replicate), trained weights stay.
 */
export class FileStore {
  private readonly entries = new Map<string, FileEntry>();

  constructor(
    private readonly root: string,
    private readonly publicBase: () => string,
  ) {}

  async put(
    jobId: string,
    name: string,
    bytes: Buffer,
    contentType: string,
    ttlSec: number | null,
    onExpire?: () => void,
  ): Promise<string> {
    if (!SAFE_NAME.test(jobId) || !SAFE_NAME.test(name)) throw new Error(`Unsafe file name ${jobId}/${name}`);
    await mkdir(join(this.root, jobId), { recursive: true });
    await writeFile(join(this.root, jobId, name), bytes);
    this.entries.set(`${jobId}/${name}`, {
      contentType,
      expiresAt: ttlSec === null ? null : Date.now() + ttlSec * 1000,
      ...(onExpire ? { onExpire } : {}),
    });
    return `${this.publicBase()}/files/${jobId}/${name}`;
  }

  /** Deletes one file now (its model version was deleted); false when it was not there. */
  async remove(jobId: string, name: string): Promise<boolean> {
    const key = `${jobId}/${name}`;
    if (!this.entries.delete(key)) return false;
    await rm(join(this.root, jobId, name), { force: true });
    return true;
  }

  has(jobId: string, name: string): boolean {
    return this.entries.has(`${jobId}/${name}`);
  }

  /** Deletes what has expired; called on a timer and before serving. */
  async sweep(now = Date.now()): Promise<number> {
    let n = 0;
    for (const [key, e] of this.entries) {
      if (e.expiresAt === null || e.expiresAt > now) continue;
      this.entries.delete(key);
      await rm(join(this.root, ...key.split('/')), { force: true });
      e.onExpire?.();
      n++;
    }
    return n;
  }

  async serve(req: IncomingMessage, res: ServerResponse, jobId: string, name: string): Promise<void> {
    const key = `${jobId}/${name}`;
    const e = this.entries.get(key);
    if (e && e.expiresAt !== null && e.expiresAt <= Date.now()) await this.sweep();
    const entry = this.entries.get(key);
    if (!entry || !SAFE_NAME.test(jobId) || !SAFE_NAME.test(name)) return sendText(res, 404, 'Not found');
    const path = join(this.root, jobId, name);
    let size: number;
    try {
      ({ size } = await stat(path));
    } catch {
      return sendText(res, 404, 'Not found');
    }
    res.writeHead(200, {
      'Content-Type': entry.contentType,
      'Content-Length': size,
      'Cache-Control': 'public, max-age=3600',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(path);
      stream.on('error', reject);
      res.on('close', () => resolve());
      stream.pipe(res);
    });
  }
}
