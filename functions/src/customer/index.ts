/** The customer-facing functions: uploads and their QC, checkout and payment, gallery files. */
export { createUploadUrls } from './create-upload-urls.js';
export { confirmUploads } from './confirm-uploads.js';
export { onPhotoCreated } from './on-photo-created.js';
export { createCheckout } from './create-checkout.js';
export { stripeWebhook } from './stripe-webhook.js';
export { getFileUrls } from './get-file-urls.js';
export { createZipDownload } from './create-zip-download.js';
