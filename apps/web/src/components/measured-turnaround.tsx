'use client';

import { deliverySentence, trainingSentence, TurnaroundStats } from '@likeness/core';
import { useEffect, useState } from 'react';
import { z } from 'zod';

const Answer = z.object({ stats: TurnaroundStats.nullable() });

/**
 * The turnaround measured on our own delivered orders (core/turnaround.ts), fetched after the page
 * is up. Renders nothing while there is no figure: the site states no time it has not measured.
 */
export function MeasuredTurnaround({
  stage,
  className,
}: {
  stage: 'delivery' | 'training';
  className?: string;
}) {
  const [stats, setStats] = useState<TurnaroundStats | null>(null);
  useEffect(() => {
    let live = true;
    fetch('/api/turnaround')
      .then((r) => (r.ok ? r.json() : { stats: null }))
      .then((body) => {
        const parsed = Answer.safeParse(body);
        if (live && parsed.success) setStats(parsed.data.stats);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!stats) return null;
  return (
    <p className={className} data-testid={`turnaround-${stage}`}>
      {stage === 'delivery' ? deliverySentence(stats) : trainingSentence(stats)}
    </p>
  );
}
