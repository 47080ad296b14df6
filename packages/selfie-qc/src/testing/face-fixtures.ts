import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { deflateSync, crc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

/**
 * The fixture set: real photos from fixtures/faces (provenance in PROVENANCE.md there) and variants
 * derived from them here, deterministically, at test time. Only the HEIC is committed as a derived
 * file, since no npm package encodes HEVC.
 */
export const FACES_DIR = fileURLToPath(new URL('../../../../fixtures/faces/', import.meta.url));

const cache = new Map<string, Promise<Buffer>>();
export const fixture = (name: string): Promise<Buffer> => {
  let hit = cache.get(name);
  if (!hit) {
    hit = readFile(FACES_DIR + name);
    cache.set(name, hit);
  }
  return hit;
};

const GREY = { r: 128, g: 128, b: 128 };
const jpeg = (p: Sharp, quality = 90) => p.jpeg({ quality }).toBuffer();

/** A PNG whose header claims `width` × `height` with a few bytes of data: a decompression bomb's shape. */
export function pngWithClaimedSize(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A real 20 000 × 20 000 PNG (400 MP of zeros, ~400 kB on disk): what a decompression bomb looks
 * like when the header does not lie.
 */
export function honestPngBomb(): Buffer {
  const width = 20_000;
  const row = Buffer.alloc(1 + width); // filter byte + greyscale pixels
  const rows = Buffer.alloc(row.length * 20_000);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(20_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 4000 × 3000 textured wall: the coffee photo mirrored outwards at its own scale, so it stays sharp. */
const wall = async () =>
  sharp(await fixture('coffee.jpg'))
    .extend({ right: 3400, bottom: 2600, extendWith: 'mirror' })
    .toBuffer();
/** A portrait scaled to `width` px, for placing near the middle of a 4000 × 3000 frame. */
const placed = async (name: string, width: number) => ({
  input: await sharp(await fixture(name))
    .resize(width)
    .toBuffer(),
  left: 1800,
  top: 1200,
});

/** Everything a phone or a confused customer might send, built from the fixture photos. */
export const variants = {
  astronaut: () => fixture('astronaut.jpg'),
  graceHopper: () => fixture('grace_hopper.jpg'),
  heic: () => fixture('astronaut.heic'),
  pngWithAlpha: async () =>
    sharp(await fixture('astronaut.jpg'))
      .ensureAlpha(0.9)
      .png()
      .toBuffer(),
  webp: async () =>
    sharp(await fixture('astronaut.jpg'))
      .webp({ quality: 85 })
      .toBuffer(),
  /** Pixels stored sideways with EXIF orientation 6 (rotate 90° clockwise to display), as phones do. */
  exifRotated: async () =>
    sharp(
      await sharp(await fixture('astronaut.jpg'))
        .rotate(-90)
        .toBuffer(),
    )
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer(),
  /** Camera held at a slant: the head leans 20° clockwise. */
  tilted: async () => jpeg(sharp(await fixture('astronaut.jpg')).rotate(20, { background: GREY })),
  /** Turned sideways with no EXIF to fix it (stripped by an app). */
  sideways: async () => jpeg(sharp(await fixture('astronaut.jpg')).rotate(90)),
  darkened: async () => jpeg(sharp(await fixture('astronaut.jpg')).linear(0.15, 0)),
  blownOut: async () => jpeg(sharp(await fixture('astronaut.jpg')).linear(1.6, 40)),
  /** So bright the detector loses the face altogether. */
  whiteout: async () => jpeg(sharp(await fixture('astronaut.jpg')).linear(2.6, 70)),
  blurred: async () => jpeg(sharp(await fixture('astronaut.jpg')).blur(2.5)),
  /** The face blurred, the background sharp: sharpness must be measured on the face. */
  blurredFaceSharpBackground: async () => {
    const sharpImage = await fixture('astronaut.jpg');
    const face = await sharp(sharpImage)
      .extract({ left: 140, top: 40, width: 170, height: 170 })
      .blur(2.5)
      .toBuffer();
    return jpeg(sharp(sharpImage).composite([{ input: face, left: 140, top: 40 }]));
  },
  /** Whole body at a distance: the face is a twentieth of the frame. */
  tinyFace: async () =>
    jpeg(
      sharp({ create: { width: 1600, height: 1200, channels: 3, background: GREY } }).composite([
        {
          input: await sharp(await fixture('astronaut.jpg'))
            .resize(300)
            .toBuffer(),
          left: 650,
          top: 450,
        },
      ]),
    ),
  /** The photo's left edge runs through the face; padded on the right to stay above the minimum size. */
  cutOff: async () =>
    jpeg(
      sharp(await fixture('astronaut.jpg'))
        .extract({ left: 205, top: 0, width: 307, height: 512 })
        .extend({ right: 250, background: GREY }),
    ),
  /** Chin and mouth below the bottom edge. */
  cutOffBottom: async () =>
    jpeg(
      sharp(await fixture('astronaut.jpg'))
        .extract({ left: 60, top: 0, width: 340, height: 150 })
        .resize(1088, 480)
        .extend({ top: 64, background: GREY }),
    ),
  /** The same selfie saved again by a messenger app. */
  recompressed: async () => jpeg(sharp(await fixture('astronaut.jpg')), 60),
  /** The same selfie cropped tighter and saved again. */
  recropped: async () =>
    jpeg(
      sharp(await fixture('astronaut.jpg'))
        .extract({ left: 40, top: 0, width: 440, height: 440 })
        .resize(600, 600),
    ),
  mirrored: async () => jpeg(sharp(await fixture('astronaut.jpg')).flop()),
  profile: () => fixture('camera.jpg'),
  /** No face: a coffee cup, and a cat, enlarged past the minimum photo size. */
  noFace: async () => jpeg(sharp(await fixture('coffee.jpg')).resize(900)),
  cat: async () => jpeg(sharp(await fixture('chelsea.jpg')).resize(900)),
  twoFaces: async () =>
    jpeg(
      sharp({ create: { width: 1100, height: 620, channels: 3, background: GREY } }).composite([
        {
          input: await sharp(await fixture('astronaut.jpg'))
            .resize(520)
            .toBuffer(),
          left: 0,
          top: 50,
        },
        {
          input: await sharp(await fixture('grace_hopper.jpg'))
            .resize(520)
            .extract({ left: 0, top: 0, width: 520, height: 600 })
            .toBuffer(),
          left: 560,
          top: 10,
        },
      ]),
    ),
  /**
   * Heavy blur (issue #9): the detector sees phantom faces in the smear, unsure of each. At 2000 px
   * it saw two, which read as "more than one face"; at 512 px one spilling past the frame, which read
   * as "cut off"; on Grace Hopper none at all.
   */
  heavyBlurLarge: async () =>
    jpeg(
      sharp(await fixture('astronaut.jpg'))
        .resize(2000)
        .blur(23),
    ),
  heavyBlur: async () => jpeg(sharp(await fixture('astronaut.jpg')).blur(6)),
  heavyBlurNoFace: async () => jpeg(sharp(await fixture('grace_hopper.jpg')).blur(10)),
  /**
   * Standing far back in a 12 MP photo (issue #9): the portrait small in a 4000 × 3000 frame, the
   * face box 4 % of the width (160 px) against a textured wall, 3 % (125 px) against a plain one. The
   * full-frame detector pass misses both.
   */
  smallFaceLargeFrame: async () => jpeg(sharp(await wall()).composite([await placed('astronaut.jpg', 700)])),
  smallFacePlainWall: async () =>
    jpeg(
      sharp({ create: { width: 4000, height: 3000, channels: 3, background: GREY } }).composite([
        await placed('astronaut.jpg', 500),
      ]),
    ),
  /** The same large frames with no person: the second, tiled look for small faces must not invent one. */
  noFaceLargeFrame: async () => jpeg(sharp(await wall())),
  catLargeFrame: async () => jpeg(sharp(await fixture('chelsea.jpg')).resize(4000, 3000)),
  smallPhoto: async () => jpeg(sharp(await fixture('astronaut.jpg')).resize(300)),
  /** 24 megapixels, larger than the working copy the QC keeps. */
  large: async () =>
    jpeg(
      sharp(await fixture('astronaut.jpg'))
        .resize(4000, 4000)
        .extend({ left: 1000, right: 1000, extendWith: 'mirror' }),
      85,
    ),
} satisfies Record<string, () => Promise<Buffer>>;

export type VariantName = keyof typeof variants;

/** Files that are not photos, or photos we must refuse before decoding. */
export const hostile = {
  text: async () => Buffer.from('Dear customer, this is not a photo.\n'.repeat(40)),
  pdf: async () =>
    Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  empty: async () => Buffer.alloc(0),
  /** A JPEG renamed to .heic would still be a JPEG; this is a GIF, which we do not take. */
  gif: async () =>
    sharp(await fixture('astronaut.jpg'))
      .gif()
      .toBuffer(),
  tiff: async () =>
    sharp(await fixture('astronaut.jpg'))
      .tiff()
      .toBuffer(),
  svg: async () =>
    Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="9000" height="9000"><rect width="9000" height="9000"/></svg>',
    ),
  truncatedJpeg: async () => {
    const whole = await fixture('astronaut.jpg');
    return whole.subarray(0, Math.floor(whole.length * 0.4));
  },
  truncatedHeic: async () => {
    const whole = await fixture('astronaut.heic');
    return whole.subarray(0, Math.floor(whole.length * 0.5));
  },
  /** An HEIF brand on garbage. */
  fakeHeic: async () =>
    Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
      Buffer.alloc(200, 7),
    ]),
  lyingPngBomb: async () => pngWithClaimedSize(100_000, 100_000),
  honestPngBomb: async () => honestPngBomb(),
  oversizedBytes: async () => {
    const head = await fixture('astronaut.jpg');
    return Buffer.concat([head, Buffer.alloc(26 * 1024 * 1024)]);
  },
} satisfies Record<string, () => Promise<Buffer>>;
