/**
 * Content sniffing: what the bytes are, whatever the file name or claimed type says. Only formats we
 * decode reach a decoder, so libvips never parses arbitrary content (SVG, PDF, …) on our behalf.
 */

/** Formats the QC decodes. `heif` covers HEIC from iPhones and AVIF, told apart by the codec later. */
export type DecodableFormat = 'jpeg' | 'png' | 'webp' | 'heif';

export type Sniffed =
  | { kind: 'decodable'; format: DecodableFormat }
  /** An image, but not one we take: the name is for the customer's message. */
  | { kind: 'unsupported'; name: string }
  | { kind: 'unknown' };

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/** ISO-BMFF brands of still HEIF images (HEIC, AVIF); sequences and video brands are not photos. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'mif1', 'mif2', 'avif', 'avis']);

function isoBrands(bytes: Uint8Array): string[] {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return [];
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const end = Math.min(bytes.length, Math.max(16, boxSize));
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
  return brands;
}

const OTHER_IMAGES: readonly { name: string; test: (b: Uint8Array) => boolean }[] = [
  { name: 'GIF', test: (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a' },
  {
    name: 'TIFF or camera RAW',
    test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]),
  },
  { name: 'BMP', test: (b) => ascii(b, 0, 2) === 'BM' && b.length > 26 },
  { name: 'JPEG XL', test: (b) => startsWith(b, [0xff, 0x0a]) || ascii(b, 4, 8) === 'JXL ' },
  { name: 'JPEG 2000', test: (b) => ascii(b, 4, 8) === 'jP  ' },
  { name: 'Photoshop', test: (b) => ascii(b, 0, 4) === '8BPS' },
  { name: 'ICO', test: (b) => startsWith(b, [0x00, 0x00, 0x01, 0x00]) && b.length > 22 },
  {
    name: 'SVG',
    test: (b) => /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(ascii(b, 0, 512)),
  },
];

export function sniffImage(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'decodable', format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'decodable', format: 'png' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { kind: 'decodable', format: 'webp' };
  const brands = isoBrands(bytes);
  if (brands.some((b) => HEIF_BRANDS.has(b))) return { kind: 'decodable', format: 'heif' };
  if (brands.length > 0) return { kind: 'unsupported', name: 'Video' };
  const other = OTHER_IMAGES.find((o) => o.test(bytes));
  return other ? { kind: 'unsupported', name: other.name } : { kind: 'unknown' };
}
