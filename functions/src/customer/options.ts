import { defineSecret } from 'firebase-functions/params';

/**
 * Deploy options of the customer-facing functions. Values are always read through config();
 * declaring the secrets is what makes Cloud Functions mount them in production. config() validates
 * every secret at once, so each function that touches config() declares all of them.
 */
export const REGION = 'us-central1';

const SECRETS = [
  defineSecret('STRIPE_SECRET_KEY'),
  defineSecret('STRIPE_WEBHOOK_SECRET'),
  defineSecret('REPLICATE_API_TOKEN'),
  defineSecret('REPLICATE_WEBHOOK_SECRET'),
  defineSecret('SENDGRID_API_KEY'),
];

/**
 * Locally the launcher puts the secret values in .env like any other variable; a declared secret
 * would make the emulator try Google's Secret Manager at every worker start, which fails offline.
 */
export const secrets = process.env.FUNCTIONS_EMULATOR === 'true' ? [] : SECRETS;

/** How long the browser may use a signed URL we hand it. */
export const SIGNED_URL_TTL_SEC = 15 * 60;
