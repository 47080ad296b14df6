'use client';

import { useEffect, useRef } from 'react';
import type { OrderView } from '@/lib/views';
import { trackOnce } from './gtag';

/**
 * The order's funnel steps as the customer lives them on the order page: the first photo arriving
 * (uploaded goes from 0) and the set passing the gate (uploading → ready). Only changes seen here
 * count, so reopening the page later sends nothing again.
 */
export function useOrderFunnel(order: OrderView | null | undefined): void {
  const seen = useRef<{ id: string; uploaded: number; status: string } | null>(null);
  const id = order?.id;
  const uploaded = order?.photos?.uploaded ?? 0;
  const status = order?.status;

  useEffect(() => {
    if (!id || !status) return;
    const before = seen.current?.id === id ? seen.current : null;
    // A new order starts from nothing: a draft is seen before its first photo.
    const from = before ?? (status === 'draft' ? { id, uploaded: 0, status } : null);
    if (from && from.uploaded === 0 && uploaded > 0) trackOnce(id, 'first_photo_upload', { order_id: id });
    if (from && from.status !== 'ready' && status === 'ready')
      trackOnce(id, 'photos_ready', { order_id: id });
    seen.current = { id, uploaded, status };
  }, [id, uploaded, status]);
}
