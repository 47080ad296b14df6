// Makes the web app's install icons from apps/web/src/app/icon.svg: `node scripts/make-app-icons.mjs`.
// The PNGs are committed (apps/web/public/icons, apps/web/src/app/apple-icon.png); run this again after changing the SVG.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../apps/web/package.json', import.meta.url));
const sharp = require('sharp');
const web = fileURLToPath(new URL('../apps/web/', import.meta.url));
const svg = readFileSync(`${web}src/app/icon.svg`, 'utf8');
const out = `${web}public/icons`;
mkdirSync(out, { recursive: true });

// Maskable icons are cut to any shape by the launcher: full-bleed background, and the glyph kept
// inside the central 80 % circle that every mask leaves visible.
const glyph = svg
  .replace(/<svg[^>]*>/, '')
  .replace(/<\/svg>\s*$/, '')
  .replace(/<rect[^>]*\/>/, '');
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#4f46e5"/><g transform="translate(16 16) scale(0.62) translate(-16 -16.5)">${glyph}</g></svg>`;

const render = (source, size, file) =>
  sharp(Buffer.from(source), { density: (72 * size) / 32 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(`${out}/${file}`);

await render(svg, 192, 'icon-192.png');
await render(svg, 512, 'icon-512.png');
await render(maskable, 512, 'maskable-512.png');
// iOS takes its home-screen icon from app/apple-icon.png (Next links it) and rounds the corners itself.
await render(maskable, 180, '../../src/app/apple-icon.png');
console.log(`icons written to ${out}`);
