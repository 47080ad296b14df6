/** Why the camera could not be used, in the words the upload area shows before the picker. */
export type CameraProblem = 'denied' | 'no_camera' | 'busy' | 'unsupported';

export const CAMERA_PROBLEM_MESSAGES: Record<CameraProblem, string> = {
  denied:
    'Camera access was not allowed, so choose photos from your library instead. To take selfies here, allow the camera in your browser’s site settings.',
  no_camera: 'No camera was found on this device, so choose photos from your library instead.',
  busy: 'The camera is in use by another app or tab. Close it and try again, or choose photos from your library.',
  unsupported: 'This browser cannot open the camera in a page, so choose photos from your library instead.',
};

/** getUserMedia's failures by DOMException name (Media Capture and Streams). */
export function cameraProblem(err: unknown): CameraProblem {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'no_camera';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'unsupported';
  }
}

export class CameraUnavailable extends Error {
  constructor(readonly problem: CameraProblem) {
    super(CAMERA_PROBLEM_MESSAGES[problem]);
    this.name = 'CameraUnavailable';
  }
}

/**
 * The front camera, as large as it offers up to a 1920 px side: QC wants at least 512 px on the
 * short side and a face it can crop to 1024 px, and a phone's selfie camera gives 720p or more.
 */
export async function openFrontCamera(): Promise<MediaStream> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia)
    throw new CameraUnavailable('unsupported');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'user', width: { ideal: 1920 }, height: { ideal: 1920 } },
    });
  } catch (err) {
    throw new CameraUnavailable(cameraProblem(err));
  }
}

export function stopCamera(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}
