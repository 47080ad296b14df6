import { FUNCTIONS_REGION } from '@likeness/core';
import { setGlobalOptions } from 'firebase-functions/v2';
import { secrets } from './secrets.js';

/**
 * What every function shares, set once before any trigger is declared (index.ts imports this
 * first). Per-trigger options (memory, timeouts, retries, rate limits) sit beside each trigger.
 */
// maxInstances bounds what a burst (or abuse) can cost; functions that fan out raise their own.
setGlobalOptions({ region: FUNCTIONS_REGION, secrets, maxInstances: 10 });
