import { FUNCTIONS_REGION } from '@likeness/core';
import { setGlobalOptions } from 'firebase-functions/v2';
import { secrets } from './secrets.js';

/**
 * What every function shares, set once before any trigger is declared (index.ts imports this
 * first). Per-trigger options (memory, timeouts, retries, rate limits) sit beside each trigger.
 */
setGlobalOptions({
  region: FUNCTIONS_REGION,
  secrets,
  // Bounds what a burst (or abuse) can cost; functions that fan out raise their own.
  maxInstances: 10,
  // Callables accept only requests from our web app (reCAPTCHA Enterprise in the browser). The
  // emulator cannot verify App Check tokens of a demo- project, so there it stays off.
  enforceAppCheck: process.env.FUNCTIONS_EMULATOR !== 'true',
});
