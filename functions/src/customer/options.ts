/**
 * Deploy options of the customer-facing functions (secrets: shared/secrets.ts).
 */
export const REGION = 'us-central1';

export { secrets } from '../shared/secrets.js';

/** How long the browser may use a signed URL we hand it. */
export const SIGNED_URL_TTL_SEC = 15 * 60;
