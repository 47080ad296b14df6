import { ZipArchive } from 'archiver';

export interface ZipEntry {
  name: string;
  load: () => Promise<Buffer>;
}

/**
 * A zip of already-compressed images: stored, not deflated (JPEG/PNG/WebP do not shrink, deflating
 * only burns CPU). Files are fetched a few at a time ahead of the writer and appended in order, so
 * memory holds the growing archive plus a handful of images, not every image twice.
 */
export async function buildZip(entries: readonly ZipEntry[], prefetch = 4): Promise<Buffer> {
  const archive = new ZipArchive({ store: true });
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
    archive.on('warning', reject);
  });

  const loads: (Promise<Buffer> | undefined)[] = [];
  let next = 0;
  const startNext = () => {
    const entry = entries[next];
    if (!entry) return;
    const p = entry.load();
    // Awaited below in order; this only keeps an early failure from being reported as unhandled.
    p.catch(() => undefined);
    loads[next++] = p;
  };
  for (let i = 0; i < prefetch; i++) startNext();

  try {
    for (let i = 0; i < entries.length; i++) {
      const bytes = await loads[i]!;
      loads[i] = undefined;
      startNext();
      archive.append(bytes, { name: entries[i]!.name, store: true });
    }
  } catch (err) {
    archive.abort();
    throw err;
  }
  await archive.finalize();
  await finished;
  return Buffer.concat(chunks);
}
