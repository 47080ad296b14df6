/** The one region every function is deployed to, and the one the browser calls. */
export const FUNCTIONS_REGION = 'us-central1';

/** How long each kind of signed URL we hand out stays valid, in seconds. */
export const URL_LIFETIMES_SEC = {
  /** Long enough for a phone on a slow uplink to send 30 selfies; short enough to be useless if leaked. */
  upload: 15 * 60,
  /** Gallery thumbnails, headshots and the zip the browser fetches right away. */
  download: 15 * 60,
  /** Files Replicate reads (dataset, LoRA weights): a queued GPU job may start a while later. */
  replicate: 2 * 60 * 60,
} as const;
