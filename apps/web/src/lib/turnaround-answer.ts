import { deliverySentence, trainingSentence, TurnaroundStats } from '@likeness/core';
import { z } from 'zod/mini';

const Answer = z.object({ stats: z.nullable(TurnaroundStats) });

export type TurnaroundStage = 'delivery' | 'training';

/**
 * What the page says about time, from `/api/turnaround`'s answer: null while no order has been
 * measured, and null for an answer that does not parse (the site states no time it cannot back).
 */
export function turnaroundSentence(body: unknown, stage: TurnaroundStage): string | null {
  const parsed = Answer.safeParse(body);
  if (!parsed.success || !parsed.data.stats) return null;
  return stage === 'delivery' ? deliverySentence(parsed.data.stats) : trainingSentence(parsed.data.stats);
}
