import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import manifest, { THEME_COLOUR } from './manifest';

const publicDir = new URL('../../public', import.meta.url).pathname;
const m = manifest();

describe('web app manifest', () => {
  it('has what browsers require to offer installation', () => {
    expect(m.name).toBeTruthy();
    expect(m.short_name!.length).toBeLessThanOrEqual(12);
    expect(['standalone', 'fullscreen', 'minimal-ui']).toContain(m.display);
    expect(m.start_url!.startsWith(m.scope!)).toBe(true);
    expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(m.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('lists 192 and 512 px PNG icons that exist at those sizes, and a maskable one', async () => {
    const icons = m.icons ?? [];
    for (const size of [192, 512]) expect(icons.some((i) => i.sizes === `${size}x${size}`)).toBe(true);
    expect(icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of icons) {
      const file = `${publicDir}${icon.src}`;
      expect(existsSync(file), icon.src).toBe(true);
      const meta = await sharp(file).metadata();
      expect(meta.format).toBe('png');
      expect(`${meta.width}x${meta.height}`).toBe(icon.sizes);
    }
  });

  it("uses the layout's theme colour", () => {
    const layout = readFileSync(new URL('./layout.tsx', import.meta.url), 'utf8');
    expect(layout).toContain(`themeColor: '${THEME_COLOUR}'`);
  });
});
