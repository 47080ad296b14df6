/**
 * The measured funnel from the server: GA4 events the server knows best (purchase, refund), sent
 * through the Measurement Protocol, and the site's landing views counted in our own Firestore.
 */
import { onRequest } from 'firebase-functions/v2/https';
import { onTask } from '../shared/tasks.js';
import { handleRecordLanding } from './record-landing.js';
import { sendAnalyticsEvent as send } from './send-event.js';

export const sendAnalyticsEvent = onTask(
  'sendAnalyticsEvent',
  { retryConfig: { maxAttempts: 5, minBackoffSeconds: 30, maxBackoffSeconds: 900 } },
  ({ eventId }) => send(eventId),
);

// The site's landing beacon, posted to the name in core (LANDING_FUNCTION): one small write per tab
// session; the global maxInstances bounds what a flood can cost.
export const recordLanding = onRequest({ timeoutSeconds: 10 }, handleRecordLanding);
