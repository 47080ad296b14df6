import { MAX_UPLOAD_MB } from '@likeness/core';

/**
 * One direct upload to a signed storage URL. XMLHttpRequest rather than fetch: fetch does not report
 * upload progress.
 */

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

const TOO_LARGE = `The file is larger than the ${MAX_UPLOAD_MB} MB limit.`;

/**
 * The customer's sentence for a failed PUT. Both the local blob server and Cloud Storage answer with
 * an XML error whose code names the cause (docs/ARCHITECTURE.md, "Local blob server").
 */
export function uploadErrorMessage(status: number, body: string): string {
  if (status === 0) return 'The upload was interrupted. Check your connection and retry.';
  if (/EntityTooLarge/i.test(body)) return TOO_LARGE;
  if (/ExpiredToken|SignatureDoesNotMatch|AccessDenied/i.test(body) || status === 403)
    return 'The upload link expired or was refused. Retry to get a new one.';
  if (status === 413) return TOO_LARGE;
  if (status >= 500) return 'Storage is not answering right now. Retry in a moment.';
  return `The upload failed (HTTP ${status}). Retry.`;
}

/**
 * Request headers for the PUT: the content type the URL was signed for, then whatever the signer
 * asked for. Names are compared without case, so a signer's `content-type` replaces ours rather
 * than being sent as a second, conflicting value.
 */
export function uploadHeaders(contentType: string, signed: Record<string, string>): Record<string, string> {
  const byName = new Map<string, [string, string]>([['content-type', ['Content-Type', contentType]]]);
  for (const [name, value] of Object.entries(signed)) byName.set(name.toLowerCase(), [name, value]);
  return Object.fromEntries(byName.values());
}

export function putFile(
  url: string,
  headers: Record<string, string>,
  body: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new UploadError(xhr.status, uploadErrorMessage(xhr.status, xhr.responseText)));
    };
    xhr.onerror = () => reject(new UploadError(0, uploadErrorMessage(0, '')));
    xhr.onabort = () => reject(new UploadError(0, uploadErrorMessage(0, '')));
    xhr.send(body);
  });
}
