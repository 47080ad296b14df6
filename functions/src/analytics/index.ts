/** GA4 funnel events the server knows best (purchase, refund), sent through the Measurement Protocol. */
import { onTask } from '../shared/tasks.js';
import { sendAnalyticsEvent as send } from './send-event.js';

export const sendAnalyticsEvent = onTask(
  'sendAnalyticsEvent',
  { retryConfig: { maxAttempts: 5, minBackoffSeconds: 30, maxBackoffSeconds: 900 } },
  ({ eventId }) => send(eventId),
);
