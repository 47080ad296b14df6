/** The customer's files: short-lived signed URLs to thumbnails and headshots, and the zip of them. */
import { callable } from '../shared/callable.js';
import { createZipDownloadFor } from './create-zip-download.js';
import { getFileUrlsFor } from './get-file-urls.js';

// Room for cutting a few profile crops at once (sharp decodes each headshot whole).
export const getFileUrls = callable('getFileUrls', { memory: '512MiB' }, getFileUrlsFor);

// The zip is built while the customer waits: room for 200 headshots in memory and time.
export const createZipDownload = callable(
  'createZipDownload',
  { memory: '1GiB', timeoutSeconds: 300 },
  createZipDownloadFor,
);
