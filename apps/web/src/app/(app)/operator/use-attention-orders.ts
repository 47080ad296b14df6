'use client';

import { useEffect, useState } from 'react';
import { describeError } from '@/lib/errors';
import { attentionOrderQueries } from '@/lib/firebase/firestore';
import { listen } from '@/lib/firebase/listen';
import { toOrderView, type OrderView } from '@/lib/views';

/** Per attention query; a backlog bigger than this is a problem the queue cannot fix anyway. */
const MAX_PER_QUERY = 200;

/**
 * The orders of every attention query, live, together (an order may come from several; the queue
 * keeps each once). Undefined until every query has answered; a query that fails is reported and
 * the others still show.
 */
export function useAttentionOrders(): { orders: OrderView[] | undefined; error: string | null } {
  const [results, setResults] = useState<(OrderView[] | undefined)[] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const queries = attentionOrderQueries(MAX_PER_QUERY);
    const latest: (OrderView[] | undefined)[] = queries.map(() => undefined);
    const stops = queries.map((q, i) =>
      listen(
        q,
        toOrderView,
        (views) => {
          latest[i] = views;
          setResults([...latest]);
        },
        (err) => setError(describeError(err)),
      ),
    );
    return () => stops.forEach((stop) => stop());
  }, []);

  const answered = results?.filter((r): r is OrderView[] => r !== undefined) ?? [];
  const complete = results !== undefined && answered.length === results.length;
  return { orders: complete || error ? answered.flat() : undefined, error };
}
