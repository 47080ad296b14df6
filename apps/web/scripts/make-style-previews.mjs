#!/usr/bin/env node
// Draws the catalog preview of every style in @likeness/core into public/styles/<id>.jpg:
// the style's own backdrop gradient, vignette and colour grade (the same numbers the local
// generator uses) behind a neutral head-and-shoulders silhouette dressed for the style.
// The previews are committed; run this again after changing a style:
//   node apps/web/scripts/make-style-previews.mjs
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { STYLES } from '@likeness/core';

const WIDTH = 480;
const HEIGHT = 600;
const MAX_BYTES = 40 * 1024;
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'styles');

/** What the silhouette wears and what stands behind it, per style; unknown styles get a plain suit. */
const WARDROBE = {
  'corporate-grey': { outfit: 'suit', jacket: '#1f2a44', shirt: '#f4f4f2', scene: 'key-light' },
  'modern-office': { outfit: 'blazer', jacket: '#6b7b8c', shirt: '#eef1f3', scene: 'office' },
  'city-outdoors': { outfit: 'jacket', jacket: '#5b4a3a', shirt: '#d9cbb8', scene: 'city' },
  'warm-studio': { outfit: 'sweater', jacket: '#cdb79a', shirt: '#cdb79a', scene: 'window-light' },
  'black-tie': { outfit: 'suit', jacket: '#121212', shirt: '#e9e9e9', scene: 'side-light' },
  'tech-founder': { outfit: 'overshirt', jacket: '#3c4650', shirt: '#1b1f24', scene: 'rim-light' },
  'medical-white': { outfit: 'coat', jacket: '#fbfcfd', shirt: '#9fb6c9', scene: 'high-key' },
  'garden-natural': { outfit: 'shirt', jacket: '#e6dccb', shirt: '#e6dccb', scene: 'foliage' },
  'navy-executive': { outfit: 'suit', jacket: '#2b2d31', shirt: '#f1f1ef', scene: 'key-light' },
};
const DEFAULT_WARDROBE = { outfit: 'suit', jacket: '#2a2f3a', shirt: '#f2f2f2', scene: 'key-light' };

// A small seeded generator keeps the bokeh and foliage identical between runs (stable git diffs).
function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sceneSvg(scene, style) {
  const rnd = seeded([...style.id].reduce((a, c) => a * 31 + c.charCodeAt(0), 7));
  switch (scene) {
    case 'office': {
      // Tall bright window panes and a plant, thrown out of focus.
      const panes = [20, 130, 330, 420]
        .map((x) => `<rect x="${x}" y="40" width="70" height="360" rx="4" fill="#ffffff" opacity="0.55"/>`)
        .join('');
      return `<g filter="url(#blur-lg)">${panes}<ellipse cx="420" cy="420" rx="60" ry="90" fill="#5f8a5a" opacity="0.55"/></g>`;
    }
    case 'city': {
      const dots = Array.from({ length: 22 }, () => {
        const x = Math.round(rnd() * WIDTH);
        const y = Math.round(120 + rnd() * 300);
        const r = Math.round(10 + rnd() * 26);
        const warm = rnd() > 0.4 ? '#ffd8a0' : '#fff2d6';
        return `<circle cx="${x}" cy="${y}" r="${r}" fill="${warm}" opacity="${(0.25 + rnd() * 0.4).toFixed(2)}"/>`;
      }).join('');
      return `<g filter="url(#blur-sm)">${dots}</g>`;
    }
    case 'foliage': {
      const leaves = Array.from({ length: 26 }, () => {
        const x = Math.round(rnd() * WIDTH);
        const y = Math.round(rnd() * 460);
        const r = Math.round(24 + rnd() * 46);
        const tone = rnd() > 0.5 ? '#c9e3a8' : '#2f5a2c';
        return `<circle cx="${x}" cy="${y}" r="${r}" fill="${tone}" opacity="${(0.25 + rnd() * 0.35).toFixed(2)}"/>`;
      }).join('');
      return `<g filter="url(#blur-lg)">${leaves}</g>`;
    }
    case 'window-light':
      return `<ellipse cx="120" cy="150" rx="200" ry="170" fill="#ffd9a8" opacity="0.35" filter="url(#blur-lg)"/>`;
    case 'side-light':
      return `<ellipse cx="90" cy="260" rx="150" ry="260" fill="#ffffff" opacity="0.10" filter="url(#blur-lg)"/>`;
    case 'rim-light':
      return `<ellipse cx="240" cy="300" rx="190" ry="230" fill="#5fb3b3" opacity="0.22" filter="url(#blur-lg)"/>`;
    case 'high-key':
      return `<ellipse cx="240" cy="260" rx="260" ry="260" fill="#ffffff" opacity="0.6" filter="url(#blur-lg)"/>`;
    default:
      return `<ellipse cx="240" cy="250" rx="210" ry="220" fill="#ffffff" opacity="0.16" filter="url(#blur-lg)"/>`;
  }
}

function outfitSvg({ outfit, jacket, shirt }) {
  const torso = `M40 600 C 50 470, 120 430, 200 412 L 280 412 C 360 430, 430 470, 440 600 Z`;
  const collarV = `M200 412 L 240 500 L 280 412 Z`;
  switch (outfit) {
    case 'suit':
    case 'blazer':
    case 'coat':
      return `
        <path d="${torso}" fill="${jacket}"/>
        <path d="${collarV}" fill="${shirt}"/>
        <path d="M200 412 L 232 520 L 190 600 L 150 600 L 176 470 Z" fill="#000" opacity="0.12"/>
        <path d="M280 412 L 248 520 L 290 600 L 330 600 L 304 470 Z" fill="#000" opacity="0.12"/>
        ${outfit === 'suit' ? `<path d="M236 430 L 244 430 L 248 520 L 240 540 L 232 520 Z" fill="${jacket}" opacity="0.85"/>` : ''}`;
    case 'overshirt':
      return `
        <path d="${torso}" fill="${jacket}"/>
        <path d="M196 414 C 210 450, 270 450, 284 414 L 300 600 L 180 600 Z" fill="${shirt}"/>`;
    case 'sweater':
      return `
        <path d="${torso}" fill="${jacket}"/>
        <path d="M200 412 C 210 436, 270 436, 280 412" stroke="#000" stroke-opacity="0.15" stroke-width="10" fill="none"/>`;
    case 'jacket':
      return `
        <path d="${torso}" fill="${jacket}"/>
        <path d="M204 414 C 214 440, 266 440, 276 414 L 270 600 L 210 600 Z" fill="${shirt}"/>`;
    default:
      return `
        <path d="${torso}" fill="${jacket}"/>
        <path d="M205 412 L 240 470 L 275 412 Z" fill="#000" opacity="0.10"/>`;
  }
}

function previewSvg(style) {
  const wardrobe = WARDROBE[style.id] ?? DEFAULT_WARDROBE;
  const { top, bottom, vignette } = style.backdrop;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/>
    </linearGradient>
    <radialGradient id="vignette" cx="0.5" cy="0.45" r="0.75">
      <stop offset="0.45" stop-color="#000" stop-opacity="0"/>
      <stop offset="1" stop-color="#000" stop-opacity="${vignette}"/>
    </radialGradient>
    <linearGradient id="skin" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#c8beb4"/><stop offset="1" stop-color="#9c928a"/>
    </linearGradient>
    <filter id="blur-sm" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="6"/></filter>
    <filter id="blur-lg" x="-30%" y="-30%" width="160%" height="160%"><feGaussianBlur stdDeviation="22"/></filter>
    <filter id="soft" x="-10%" y="-10%" width="120%" height="120%"><feGaussianBlur stdDeviation="1.2"/></filter>
  </defs>
  <rect width="100%" height="100%" fill="url(#bg)"/>
  ${sceneSvg(wardrobe.scene, style)}
  <ellipse cx="240" cy="590" rx="230" ry="40" fill="#000" opacity="0.18" filter="url(#blur-lg)"/>
  <g filter="url(#soft)">
    <path d="M206 340 L 274 340 L 282 424 C 262 440, 218 440, 198 424 Z" fill="#a79d94"/>
    ${outfitSvg(wardrobe)}
    <path d="M240 148 C 298 148, 322 196, 320 250 C 318 312, 284 362, 240 366 C 196 362, 162 312, 160 250 C 158 196, 182 148, 240 148 Z" fill="url(#skin)"/>
    <path d="M240 140 C 300 140, 330 180, 324 236 C 312 200, 282 186, 240 186 C 198 186, 168 200, 156 236 C 150 180, 180 140, 240 140 Z" fill="#3a3430" opacity="0.85"/>
  </g>
  <rect width="100%" height="100%" fill="url(#vignette)"/>
</svg>`;
}

async function render(style) {
  const { r, g, b } = style.backdrop.grade;
  let image = sharp(Buffer.from(previewSvg(style))).flatten({ background: '#000' });
  // Monochrome styles drop colour; the rest get the per-channel grade the local generator applies.
  // (sharp cannot grade three channels of an image it has already made single-channel.)
  if (style.id === 'black-tie') image = image.grayscale();
  else image = image.linear([r, g, b], [0, 0, 0]);
  const file = join(outDir, style.previewImage.replace(/^\/styles\//, ''));
  mkdirSync(dirname(file), { recursive: true });
  await image.jpeg({ quality: 82, mozjpeg: true, progressive: true }).toFile(file);
  const bytes = statSync(file).size;
  if (bytes > MAX_BYTES) throw new Error(`${file} is ${bytes} bytes, over the ${MAX_BYTES} byte budget`);
  return { file, bytes };
}

for (const style of STYLES) {
  if (!style.previewImage.startsWith('/styles/')) {
    throw new Error(`Style ${style.id} has preview ${style.previewImage}, expected a path under /styles/`);
  }
  const { file, bytes } = await render(style);
  console.log(`${file.replace(outDir + '/', 'public/styles/')}  ${(bytes / 1024).toFixed(1)} KB`);
}
