/** The one region every function is deployed to, and the one the browser calls. */
export const FUNCTIONS_REGION = 'us-central1';

/**
 * The HTTP function the site's landing beacon posts to (core/landings.ts). Here, not beside the
 * beacon's schema, so the page that sends it imports a name and no schema or city list.
 */
export const LANDING_FUNCTION = 'recordLanding';

/** How long each kind of signed URL we hand out stays valid, in seconds. */
export const URL_LIFETIMES_SEC = {
  /** Long enough for a phone on a slow uplink to send 30 selfies; short enough to be useless if leaked. */
  upload: 15 * 60,
  /** Gallery thumbnails, headshots and the zip the browser fetches right away. */
  download: 15 * 60,
  /** Files Replicate reads (dataset, LoRA weights): a queued GPU job may start a while later. */
  replicate: 2 * 60 * 60,
} as const;

/**
 * How long an order may sit in a stage without moving before it fails with the reason in words (the
 * deadlines sweep) — nothing stays pending, paid or training forever. The operator console flags
 * orders well before these.
 */
export const STAGE_DEADLINES_MS = {
  /** A photo still waiting for its verdict (QC normally takes seconds). */
  photoCheck: 30 * 60 * 1000,
  /** Paid, training not started (startTraining retries and the sweeper re-queues meanwhile). */
  paid: 2 * 60 * 60 * 1000,
  /** Training on the GPU (the default recipe takes minutes). */
  training: 3 * 60 * 60 * 1000,
  /** Generating with no image finished or failed for this long. */
  generating: 2 * 60 * 60 * 1000,
} as const;

/**
 * Calls one signed-in user may make to one callable per minute: well above what the pages make,
 * well below a script in a loop.
 */
export const CALLS_PER_MINUTE = 120;

/** Orders one account may have before payment (draft, uploading, ready) and still upload to. */
export const MAX_OPEN_ORDERS = 5;
