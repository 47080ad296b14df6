'use client';

import { useEffect, useState } from 'react';
import type { TurnaroundStage } from '@/lib/turnaround-answer';

/**
 * The turnaround measured on our own delivered orders (core/turnaround.ts), fetched after the page
 * is up. Renders nothing while there is no figure: the site states no time it has not measured.
 * The answer's schema and wording load with the answer, so the city pages' first script holds no zod.
 */
export function MeasuredTurnaround({ stage, className }: { stage: TurnaroundStage; className?: string }) {
  const [sentence, setSentence] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([
      fetch('/api/turnaround').then((r) => (r.ok ? r.json() : { stats: null })),
      import('@/lib/turnaround-answer'),
    ])
      .then(([body, { turnaroundSentence }]) => {
        if (live) setSentence(turnaroundSentence(body, stage));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [stage]);
  if (!sentence) return null;
  return (
    <p className={className} data-testid={`turnaround-${stage}`}>
      {sentence}
    </p>
  );
}
