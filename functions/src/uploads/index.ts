/** Selfie uploads: signed PUT URLs straight to storage, then confirmation into photo docs (QC follows). */
import { callable } from '../shared/callable.js';
import { confirmUploadsFor } from './confirm-uploads.js';
import { createUploadUrlsFor } from './create-upload-urls.js';

export const createUploadUrls = callable('createUploadUrls', {}, createUploadUrlsFor);

export const confirmUploads = callable('confirmUploads', {}, confirmUploadsFor);
