/** Deadlines: nothing stays pending, paid, training or generating forever (enforce-deadlines.ts). */
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { enforceDeadlines } from './enforce-deadlines.js';

export const enforceStageDeadlines = onSchedule(
  { schedule: 'every 15 minutes', memory: '512MiB', timeoutSeconds: 540 },
  async () => {
    await enforceDeadlines();
  },
);
