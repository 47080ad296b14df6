export * from './blob-store.js';
export * from './local-signing.js';
export * from './local-blob-store.js';
export * from './gcs-blob-store.js';
