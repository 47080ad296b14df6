import { test } from '@playwright/test';
import { writeFakeCameraVideo } from '../support/fake-camera.js';

// Runs before the phone project starts its browser, which opens this file as its front camera. The
// variants are three framings of the portrait with the face where the guide wants it.
test('write the fake front camera video', async () => {
  await writeFakeCameraVideo([1, 4, 6]);
});
