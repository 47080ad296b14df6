import { MAX_PHOTO_PIXELS, MAX_UPLOAD_BYTES, MIN_PHOTO_SIDE_PX, type QcReason } from '@likeness/core';

/**
 * The customer reads these sentences next to each refused selfie, so each one says what is wrong
 * and what to do about it. Codes are the contract with the UI; the wording may change freely.
 */
const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

export const reasons = {
  notAnImage(contentTypeClaimed: string): QcReason {
    const looksLikePhoto = contentTypeClaimed.startsWith('image/');
    return {
      code: 'not_an_image',
      message: looksLikePhoto
        ? "This file is named like a photo but isn't one — pick the original picture from your camera roll."
        : "This file isn't a photo — upload a JPEG, PNG or WebP picture.",
    };
  },
  unsupportedFormat(format: string): QcReason {
    if (format === 'heif') {
      return {
        code: 'unsupported_format',
        message:
          "We can't read HEIC photos yet — export it as JPEG (on iPhone: Settings › Camera › Formats › Most Compatible, or share it as JPEG) and upload it again.",
      };
    }
    return {
      code: 'unsupported_format',
      message: `${format.toUpperCase()} files aren't supported — save this photo as JPEG, PNG or WebP and upload it again.`,
    };
  },
  decodeFailed(): QcReason {
    return {
      code: 'decode_failed',
      message: 'This photo file seems damaged or incomplete — upload it again or pick another one.',
    };
  },
  tooLargeBytes(size: number): QcReason {
    return {
      code: 'too_large',
      message: `This file is ${mb(size)} MB; the limit is ${mb(MAX_UPLOAD_BYTES)} MB — export it at a smaller size.`,
    };
  },
  tooManyPixels(width: number, height: number): QcReason {
    const mp = Math.round((width * height) / 1e6);
    return {
      code: 'too_large',
      message: `This image is ${mp} megapixels; the limit is ${MAX_PHOTO_PIXELS / 1e6} — export it at a smaller size.`,
    };
  },
  tooSmall(width: number, height: number): QcReason {
    return {
      code: 'too_small',
      message: `This photo is only ${width}×${height} px — use one at least ${MIN_PHOTO_SIDE_PX} px on its short side (the original from your camera, not a screenshot or a thumbnail).`,
    };
  },
  missingUpload(): QcReason {
    return { code: 'missing_upload', message: "This photo's upload never arrived — please upload it again." };
  },
  tooDark(): QcReason {
    return {
      code: 'too_dark',
      message: 'This photo is very dark — take it facing a window or in daylight so your face is well lit.',
    };
  },
  tooBright(): QcReason {
    return {
      code: 'too_bright',
      message:
        'This photo is overexposed — avoid direct sun or flash on your face; soft daylight works best.',
    };
  },
  blurry(): QcReason {
    return {
      code: 'blurry',
      message:
        'This photo is blurry — hold the camera steady, tap your face to focus and make sure the lens is clean.',
    };
  },
  duplicate(otherFileName: string): QcReason {
    return {
      code: 'duplicate',
      message: `This is the same photo as "${otherFileName}" — every photo should be a different shot (new angle, outfit or light).`,
    };
  },
  checkFailed(): QcReason {
    return {
      code: 'decode_failed',
      message: "We couldn't check this photo — please upload it again.",
    };
  },
};
