/**
 * How many predictor instances to keep warm. While orders are generating, a warm pool saves each
 * image a cold start (the predictor loads about 34 GB of FLUX.1-dev weights); once none has been
 * generating for a while, the pool goes back to its idle size (0: a quiet night pays for no GPU).
 * The short grace period keeps it warm between orders that follow each other.
 */
export interface WarmPoolInput {
  /** Orders generating now (with progress within the generation deadline). */
  generating: number;
  now: number;
  /** When an order was last seen generating (epoch ms), null if never. */
  lastBusyAt: number | null;
  /** The deployment's min_instances as Replicate reports it. */
  current: number;
  warm: number;
  idle: number;
  idleAfterMs: number;
}

export interface WarmPoolDecision {
  wanted: number;
  lastBusyAt: number | null;
  /** Whether the deployment must be updated: only when its size differs from the wanted one. */
  change: boolean;
  reason: 'generating' | 'recently-busy' | 'idle';
}

export function decideWarmPool(i: WarmPoolInput): WarmPoolDecision {
  const decide = (wanted: number, lastBusyAt: number | null, reason: WarmPoolDecision['reason']) => ({
    wanted,
    lastBusyAt,
    change: wanted !== i.current,
    reason,
  });
  if (i.generating > 0) return decide(i.warm, i.now, 'generating');
  if (i.lastBusyAt !== null && i.now - i.lastBusyAt < i.idleAfterMs)
    return decide(i.warm, i.lastBusyAt, 'recently-busy');
  return decide(i.idle, i.lastBusyAt, 'idle');
}
