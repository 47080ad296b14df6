import type { PhotoDoc } from '@likeness/core';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildDatasetZip, captionFor, selectTrainingPhotos } from './dataset.js';

const ts = (ms: number) => ({ toMillis: () => ms });
function photo(id: string, over: Partial<PhotoDoc>): { id: string; doc: PhotoDoc } {
  return {
    id,
    doc: {
      uid: 'u1',
      orderId: 'o1',
      fileName: `${id}.jpg`,
      contentType: 'image/jpeg',
      size: 1000,
      storagePath: `users/u1/orders/o1/uploads/${id}`,
      status: 'accepted',
      reasons: [],
      cropPath: `users/u1/orders/o1/crops/${id}.jpg`,
      createdAt: ts(1000),
      checkedAt: ts(2000),
      ...over,
    },
  };
}

describe('selectTrainingPhotos', () => {
  it('keeps accepted, unflagged photos with a crop, newest verdict first, capped', () => {
    const photos = [
      photo('a', { checkedAt: ts(10) }),
      photo('b', { checkedAt: ts(30) }),
      photo('rejected', { status: 'rejected', checkedAt: ts(50) }),
      photo('pending', { status: 'pending', checkedAt: undefined }),
      photo('nocrop', { cropPath: undefined, checkedAt: ts(40) }),
      photo('copy', { setReasons: [{ code: 'duplicate', message: 'near-copy' }], checkedAt: ts(60) }),
      photo('flagsCleared', { setReasons: [], checkedAt: ts(5) }),
      photo('c', { checkedAt: ts(20) }),
    ];
    expect(selectTrainingPhotos(photos).map((p) => p.photoId)).toEqual(['b', 'c', 'a', 'flagsCleared']);
    expect(selectTrainingPhotos(photos, 2).map((p) => p.photoId)).toEqual(['b', 'c']);
  });
});

describe('buildDatasetZip', () => {
  it('writes each crop with a caption file of the same name', async () => {
    const caption = captionFor('woman');
    expect(caption).toBe('a photo of ohwx woman');
    const zipBytes = await buildDatasetZip(
      [
        { photoId: 'p1', cropPath: 'x/crops/p1.jpg', bytes: Buffer.from('one') },
        { photoId: 'p2', cropPath: 'x/crops/p2.jpg', bytes: Buffer.from('two') },
      ],
      caption,
    );
    const zip = await JSZip.loadAsync(zipBytes);
    expect(Object.keys(zip.files).sort()).toEqual(['01-p1.jpg', '01-p1.txt', '02-p2.jpg', '02-p2.txt']);
    expect(await zip.file('02-p2.jpg')!.async('string')).toBe('two');
    expect(await zip.file('01-p1.txt')!.async('string')).toBe('a photo of ohwx woman');
  });

  it('refuses an empty training set', async () => {
    await expect(buildDatasetZip([], 'x')).rejects.toThrow(/at least one/);
  });
});
