import { MAX_UPLOAD_BYTES } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import {
  ACCEPT_ATTRIBUTE,
  canPreview,
  formatBytes,
  screenFiles,
  uploadContentType,
  uploadFileName,
  type FileLike,
} from './upload-rules';

const file = (name: string, type: string, size = 100_000): FileLike => ({ name, type, size });

describe('uploadContentType', () => {
  it('takes the declared type when it is one we accept', () => {
    expect(uploadContentType(file('a.jpg', 'image/jpeg'))).toBe('image/jpeg');
    expect(uploadContentType(file('a', 'image/png'))).toBe('image/png');
    expect(uploadContentType(file('a.webp', 'IMAGE/WEBP'))).toBe('image/webp');
  });

  it('falls back to the extension when the browser leaves the type blank', () => {
    expect(uploadContentType(file('IMG_0001.HEIC', ''))).toBe('image/heic');
    expect(uploadContentType(file('x.heif', 'application/octet-stream'))).toBe('image/heif');
    expect(uploadContentType(file('x.jpeg', ''))).toBe('image/jpeg');
  });

  it('refuses other types even with a photo extension', () => {
    expect(uploadContentType(file('x.jpg', 'image/gif'))).toBeNull();
    expect(uploadContentType(file('x.gif', ''))).toBeNull();
    expect(uploadContentType(file('notes', ''))).toBeNull();
    expect(uploadContentType(file('x.pdf', 'application/pdf'))).toBeNull();
  });
});

describe('ACCEPT_ATTRIBUTE', () => {
  it('lists the types and the extensions', () => {
    for (const part of ['image/jpeg', 'image/heic', '.heic', '.jpg', '.webp']) {
      expect(ACCEPT_ATTRIBUTE.split(',')).toContain(part);
    }
  });
});

describe('formatBytes', () => {
  it('uses binary units so the limit reads 25 MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(840 * 1024)).toBe('840 KB');
    expect(formatBytes(MAX_UPLOAD_BYTES)).toBe('25 MB');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('uploadFileName', () => {
  it('keeps short names and shortens long ones to 200 characters with the extension', () => {
    expect(uploadFileName(' me.jpg ')).toBe('me.jpg');
    const long = uploadFileName(`${'a'.repeat(300)}.jpeg`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('….jpeg')).toBe(true);
    expect(uploadFileName('   ')).toBe('photo');
  });
});

describe('canPreview', () => {
  it('leaves HEIC to the server thumbnail', () => {
    expect(canPreview('image/jpeg')).toBe(true);
    expect(canPreview('image/heic')).toBe(false);
    expect(canPreview('image/heif')).toBe(false);
  });
});

describe('screenFiles', () => {
  it('accepts photos and explains each refusal', () => {
    const { accepted, refused } = screenFiles(
      [
        file('a.jpg', 'image/jpeg'),
        file('b.txt', 'text/plain'),
        file('c.png', 'image/png', 0),
        file('d.jpg', 'image/jpeg', MAX_UPLOAD_BYTES + 1),
        file('e.heic', ''),
      ],
      30,
    );
    expect(accepted.map((a) => [a.file.name, a.contentType])).toEqual([
      ['a.jpg', 'image/jpeg'],
      ['e.heic', 'image/heic'],
    ]);
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatch(/^b\.txt: not a photo/);
    expect(refused[1]).toMatch(/^c\.png: the file is empty/);
    expect(refused[2]).toMatch(/^d\.jpg: .* over the 25 MB limit/);
  });

  it('takes only as many as the order has room for, in the order chosen', () => {
    const files = ['1', '2', '3', '4'].map((n) => file(`${n}.jpg`, 'image/jpeg'));
    const { accepted, refused } = screenFiles(files, 2);
    expect(accepted.map((a) => a.file.name)).toEqual(['1.jpg', '2.jpg']);
    expect(refused).toEqual(['2 photos were not added: this order had room for 2 more.']);
    expect(screenFiles(files, 0).refused).toEqual([
      '4 photos were not added: this order has no room for more photos.',
    ]);
    expect(screenFiles(files, -3).accepted).toEqual([]);
  });

  it('uploads the same file picked twice once', () => {
    const same = file('a.jpg', 'image/jpeg');
    const { accepted, refused } = screenFiles([same, { ...same }], 30);
    expect(accepted).toHaveLength(1);
    expect(refused[0]).toMatch(/chosen twice/);
  });
});
