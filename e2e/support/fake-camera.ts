import { selfieVariant } from '@likeness/devstack/selfie-variants';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/** Where the phone project's Chromium reads its fake front camera from (see playwright.config.ts). */
export const FAKE_CAMERA_VIDEO = path.join(tmpdir(), 'likeness-e2e', 'fake-front-camera.y4m');

const WIDTH = 600;
const HEIGHT = 800;
/** Two frames a second, each shot held for two seconds: the guide reads about four frames a second. */
const FPS = 2;
const FRAMES_PER_SHOT = 4;

/** RGB to 4:2:0 Y'CbCr, BT.601 studio range, as Chromium's Y4M reader expects. */
function toI420(rgb: Buffer): Buffer {
  const y = Buffer.alloc(WIDTH * HEIGHT);
  const u = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2));
  const v = Buffer.alloc(u.length);
  const px = (x: number, yy: number, c: number) => rgb[(yy * WIDTH + x) * 3 + c]! / 255;
  for (let row = 0; row < HEIGHT; row++)
    for (let col = 0; col < WIDTH; col++)
      y[row * WIDTH + col] = Math.round(
        16 + 65.481 * px(col, row, 0) + 128.553 * px(col, row, 1) + 24.966 * px(col, row, 2),
      );
  for (let row = 0; row < HEIGHT / 2; row++)
    for (let col = 0; col < WIDTH / 2; col++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        r += px(col * 2 + dx, row * 2 + dy, 0) / 4;
        g += px(col * 2 + dx, row * 2 + dy, 1) / 4;
        b += px(col * 2 + dx, row * 2 + dy, 2) / 4;
      }
      u[row * (WIDTH / 2) + col] = Math.round(128 - 37.797 * r - 74.203 * g + 112 * b);
      v[row * (WIDTH / 2) + col] = Math.round(128 + 112 * r - 93.786 * g - 18.214 * b);
    }
  return Buffer.concat([y, u, v]);
}

/**
 * A Y4M video of one person's selfies (variants of one public-domain portrait, made as the upload
 * journey makes its selfies), each held for a couple of seconds, for Chromium's --use-file-for-fake-video-capture.
 * Chromium loops it, so the guided camera sees a steady face, then the next shot.
 */
export async function writeFakeCameraVideo(variants: number[]): Promise<string> {
  // Grace Hopper's portrait (US Navy, public domain; fixtures/faces/PROVENANCE.md) rather than the
  // astronaut the upload journey uses: the astronaut is 512 px, and enlarged to a camera frame and
  // through the video's 4:2:0 chroma it reads soft enough that the guide rightly asks to hold still.
  const portrait = readFileSync(
    fileURLToPath(new URL('../../fixtures/faces/grace_hopper.jpg', import.meta.url)),
  );
  const frames: Buffer[] = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`)];
  for (const i of variants) {
    const jpeg = await selfieVariant(portrait, i, { width: WIDTH, height: HEIGHT });
    const rgb = await sharp(jpeg).removeAlpha().raw().toBuffer();
    const planes = toI420(rgb);
    for (let k = 0; k < FRAMES_PER_SHOT; k++) frames.push(Buffer.from('FRAME\n'), planes);
  }
  mkdirSync(path.dirname(FAKE_CAMERA_VIDEO), { recursive: true });
  writeFileSync(FAKE_CAMERA_VIDEO, Buffer.concat(frames));
  return FAKE_CAMERA_VIDEO;
}
