import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildZip } from './zip-archive.js';

describe('buildZip', () => {
  it('stores every entry, in order, without compressing it', async () => {
    const files = Array.from({ length: 7 }, (_, i) => ({
      name: `style-${i % 2}/likeness-${i}.png`,
      bytes: Buffer.alloc(50_000, i),
    }));
    const zip = await buildZip(
      files.map((f, i) => ({
        name: f.name,
        // Later files resolve first: order must still follow the list.
        load: () => new Promise<Buffer>((r) => setTimeout(() => r(f.bytes), (files.length - i) * 3)),
      })),
    );
    // 350 kB of highly compressible bytes: stored, the archive is at least as big.
    expect(zip.length).toBeGreaterThan(350_000);
    const read = await JSZip.loadAsync(zip);
    const names = Object.values(read.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
    expect(names).toEqual(files.map((f) => f.name));
    for (const f of files) expect((await read.file(f.name)!.async('nodebuffer')).equals(f.bytes)).toBe(true);
  });

  it('fails when a file cannot be read', async () => {
    await expect(
      buildZip([
        { name: 'a.png', load: async () => Buffer.from('a') },
        { name: 'b.png', load: async () => Promise.reject(new Error('No object at b')) },
      ]),
    ).rejects.toThrow('No object at b');
  });
});
