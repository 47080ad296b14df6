import { COLLECTIONS, STAGE_DEADLINES_MS } from '@likeness/core';
import { Timestamp } from 'firebase-admin/firestore';
import { z } from 'zod';
import { replicateClient } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { ordersCol } from '../shared/db.js';
import { db } from '../shared/firebase.js';
import { runTransaction } from '../shared/transaction.js';
import { predictorRoute } from './predictor.js';
import { decideWarmPool, type WarmPoolDecision } from './warm-pool.js';
import { orderLogger } from '../shared/order-log.js';

const warmPoolRef = () => db().collection(COLLECTIONS.ops).doc('warmPool');
const WarmPoolState = z.object({ lastBusyAt: z.instanceof(Timestamp).nullable().default(null) });

export type ScaleOutcome =
  | { action: 'no-deployment' }
  | ({ action: 'unchanged' | 'scaled'; deployment: string; from: number; generating: number } & Pick<
      WarmPoolDecision,
      'wanted' | 'reason'
    >);

/**
 * Orders generating with progress within the generation deadline. One stalled for longer is the
 * deadlines sweep's to settle and keeps no GPU warm.
 */
async function countGenerating(now: number): Promise<number> {
  const since = Timestamp.fromMillis(now - STAGE_DEADLINES_MS.generating);
  const snap = await ordersCol()
    .where('status', '==', 'generating')
    .where('updatedAt', '>=', since)
    .count()
    .get();
  return snap.data().count;
}

/**
 * Sizes the predictor deployment's warm pool for the orders generating at `now`: reads the count and
 * the deployment, and updates the deployment only when its min_instances differs from the wanted
 * size, so the schedule and the nudges may run it as often and as concurrently as they like.
 * `now` is a parameter so that tests can move the clock.
 */
export async function scaleWarmPool(now = Date.now()): Promise<ScaleOutcome> {
  const c = config();
  const route = predictorRoute(c);
  if (route.kind !== 'deployment') return { action: 'no-deployment' };
  const deployment = `${route.owner}/${route.name}`;
  const generating = await countGenerating(now);
  const current = (await replicateClient().deployments.get(route.owner, route.name)).current_release
    .configuration.min_instances;

  const decision = await runTransaction(async (tx) => {
    const state = WarmPoolState.parse((await tx.get(warmPoolRef())).data() ?? {});
    const d = decideWarmPool({
      generating,
      now,
      lastBusyAt: state.lastBusyAt?.toMillis() ?? null,
      current,
      warm: c.PREDICTOR_WARM_INSTANCES,
      idle: c.PREDICTOR_IDLE_INSTANCES,
      idleAfterMs: c.PREDICTOR_IDLE_AFTER_MINUTES * 60_000,
    });
    // Only ever forward: a nudge that read an older clock must not make the pool look idle sooner.
    if (d.lastBusyAt !== null && d.lastBusyAt > (state.lastBusyAt?.toMillis() ?? -Infinity)) {
      tx.set(warmPoolRef(), { lastBusyAt: Timestamp.fromMillis(d.lastBusyAt) }, { merge: true });
    }
    return d;
  });

  const outcome = {
    deployment,
    from: current,
    generating,
    wanted: decision.wanted,
    reason: decision.reason,
  };
  if (!decision.change) return { action: 'unchanged', ...outcome };
  await replicateClient().deployments.update(route.owner, route.name, { min_instances: decision.wanted });
  orderLogger(null, 'warm-pool').info('Predictor warm pool resized', outcome);
  return { action: 'scaled', ...outcome };
}
