/**
 * A 5×7 bitmap font for the "LOCAL PREVIEW" stamp: drawn straight into pixels so the label needs
 * no system fonts (Pango/fontconfig differ between machines, and many CI images have none).
 */
const GLYPHS: Record<string, readonly string[]> = {
  A: ['01110', '10001', '10001', '11111', '10001', '10001', '10001'],
  C: ['01110', '10001', '10000', '10000', '10000', '10001', '01110'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'],
  I: ['01110', '00100', '00100', '00100', '00100', '00100', '01110'],
  L: ['10000', '10000', '10000', '10000', '10000', '10000', '11111'],
  O: ['01110', '10001', '10001', '10001', '10001', '10001', '01110'],
  P: ['11110', '10001', '10001', '11110', '10000', '10000', '10000'],
  R: ['11110', '10001', '10001', '11110', '10100', '10010', '10001'],
  V: ['10001', '10001', '10001', '10001', '10001', '01010', '00100'],
  W: ['10001', '10001', '10001', '10101', '10101', '10101', '01010'],
  ' ': ['00000', '00000', '00000', '00000', '00000', '00000', '00000'],
};

export const LABEL_TEXT = 'LOCAL PREVIEW';

/** Blends `text` onto an RGB buffer at the bottom-right corner, white on a translucent dark pill. */
export function stampLabel(rgb: Buffer, width: number, height: number, text = LABEL_TEXT): void {
  const scale = Math.max(2, Math.round(width / 320));
  const advance = 6 * scale;
  const textW = text.length * advance - scale;
  const textH = 7 * scale;
  const pad = 3 * scale;
  const boxW = textW + 2 * pad;
  const boxH = textH + 2 * pad;
  const x0 = width - boxW - 4 * scale;
  const y0 = height - boxH - 4 * scale;
  if (x0 < 0 || y0 < 0) return;
  for (let y = 0; y < boxH; y++) {
    for (let x = 0; x < boxW; x++) {
      const i = ((y0 + y) * width + (x0 + x)) * 3;
      for (let c = 0; c < 3; c++) rgb[i + c] = Math.round(rgb[i + c]! * 0.45);
    }
  }
  [...text].forEach((ch, k) => {
    const glyph = GLYPHS[ch] ?? GLYPHS[' ']!;
    for (let gy = 0; gy < 7; gy++) {
      for (let gx = 0; gx < 5; gx++) {
        if (glyph[gy]![gx] !== '1') continue;
        for (let sy = 0; sy < scale; sy++) {
          for (let sx = 0; sx < scale; sx++) {
            const px = x0 + pad + k * advance + gx * scale + sx;
            const py = y0 + pad + gy * scale + sy;
            const i = (py * width + px) * 3;
            rgb[i] = 245;
            rgb[i + 1] = 245;
            rgb[i + 2] = 245;
          }
        }
      }
    }
  });
}
