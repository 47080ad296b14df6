import { defineSecret } from 'firebase-functions/params';

/**
 * The secrets every function declares. config() validates the whole configuration at once, so a
 * function that reads any of it needs all of them mounted; declaring them is what makes Cloud
 * Functions mount them in production.
 */
const SECRETS = [
  defineSecret('STRIPE_SECRET_KEY'),
  defineSecret('STRIPE_WEBHOOK_SECRET'),
  defineSecret('REPLICATE_API_TOKEN'),
  defineSecret('REPLICATE_WEBHOOK_SECRET'),
  defineSecret('SENDGRID_API_KEY'),
  defineSecret('EMAIL_LINK_SECRET'),
];

/**
 * Locally the launcher puts the secret values in .env like any other variable; a declared secret
 * would make the emulator try Google's Secret Manager at every worker start, which fails offline.
 */
export const secrets = process.env.FUNCTIONS_EMULATOR === 'true' ? [] : SECRETS;
